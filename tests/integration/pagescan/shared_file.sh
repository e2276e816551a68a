#!/bin/bash
# Placeholder until the full test is written.
exit 77
