/* lk-sim-values.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-sim-catalog.h"

G_BEGIN_DECLS

gboolean  lk_sim_types_compatible (const char          *received,
                                   const LkSimInputDef *input);
JsonNode *lk_sim_coerce           (const char          *type,
                                   JsonNode            *value,
                                   char               **message);
gboolean  lk_sim_as_number        (JsonNode            *node,
                                   double              *out);

G_END_DECLS
