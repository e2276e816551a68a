/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libvsmon: the one header frontends include. */
#ifndef VSMON_VSMON_H
#define VSMON_VSMON_H

#include "log.h"
#include "config.h"
#include "state.h"
#include "fields.h"
#include "metrics.h"
#include "cgroup.h"
#include "snapshot.h"
#include "sampler.h"
#include "output.h"
#include "guest.h"
#include "privilege.h"

#define VSMON_VERSION	     "0.1.0"
#define VSMON_SCHEMA_VERSION 1

#endif
