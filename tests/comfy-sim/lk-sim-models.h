/* lk-sim-models.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The model folders of a ComfyUI install (folder_paths.py): each key ("checkpoints", "loras",
 * "animatediff_models", …) maps to one or more directories under the models directory and a
 * set of extensions. Lists are relative paths, sorted, rescanned when a directory changes.
 */

typedef struct _LkSimModels LkSimModels;

LkSimModels  *lk_sim_models_new        (const char  *models_dir);
void          lk_sim_models_free       (LkSimModels *self);
const char * const *lk_sim_models_keys (LkSimModels *self);
GPtrArray    *lk_sim_models_list       (LkSimModels *self,
                                        const char  *key);
char         *lk_sim_models_find       (LkSimModels *self,
                                        const char  *key,
                                        const char  *name);
GPtrArray    *lk_sim_models_list_images (const char *input_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimModels, lk_sim_models_free)

G_END_DECLS
