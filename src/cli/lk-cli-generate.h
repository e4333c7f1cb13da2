/* lk-cli-generate.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-cli-catalog.h"
#include "lk-generator.h"

G_BEGIN_DECLS

/* What the generation verbs (lk-cli-generate.c) and `template check` (lk-cli-template.c)
 * share: the ComfyUI servers from `--server`, else LORAKEET_COMFYUI (comma-separated), else
 * http://127.0.0.1:8188; and the checks printed the same way. */

LkGenerator *lk_cli_generator_new  (LkCliSession        *session,
                                    const char * const  *servers,
                                    GError             **error);
int          lk_cli_exit_for       (const GError        *error);
int          lk_cli_fail_generate  (const GError        *error);
void         lk_cli_add_job_json   (JsonBuilder         *builder,
                                    LkGeneratorJob      *job);
void         lk_cli_print_job      (LkGeneratorJob      *job);
guint        lk_cli_print_checks   (LkCliContext        *ctx,
                                    GListModel          *checks,
                                    JsonBuilder         *builder,
                                    guint               *n_warnings);

G_END_DECLS
