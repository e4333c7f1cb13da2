/* lk-sim-validate.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-sim-catalog.h"
#include "lk-sim-output.h"

G_BEGIN_DECLS

/* The result of validate_prompt() (execution.py, v0.3.64). */
typedef struct
{
  gboolean    ok;
  JsonObject *error;          /* the top-level error when !ok */
  GPtrArray  *good_outputs;   /* output node ids that validated, in graph order */
  JsonObject *node_errors;    /* node id → {errors, dependent_outputs, class_type} */
} LkSimValidation;

LkSimValidation *lk_sim_validate_prompt  (LkSimCatalog    *catalog,
                                          const LkSimDirs *dirs,
                                          JsonObject      *prompt,
                                          JsonNode        *partial_targets);
void             lk_sim_validation_free  (LkSimValidation *validation);
JsonObject      *lk_sim_validation_error (const char      *type,
                                          const char      *message,
                                          const char      *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimValidation, lk_sim_validation_free)

G_END_DECLS
