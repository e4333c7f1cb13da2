/* lk-cli-verbs.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-cli.h"

G_BEGIN_DECLS

/* Each area's verbs, implemented in lk-cli-<area>.c. Add the declaration here and one line
 * to LK_CLI_VERBS (name, function, one-line summary marked with N_()). */

#define LK_CLI_VERBS \
  /* end of verbs */

G_END_DECLS
