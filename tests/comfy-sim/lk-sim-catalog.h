/* lk-sim-catalog.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lk-sim-models.h"

G_BEGIN_DECLS

/* How a COMBO input is written in /object_info (protocol §2.10). */
typedef enum
{
  LK_SIM_COMBO_NONE,       /* not a combo: ["INT", {…}] */
  LK_SIM_COMBO_LIST_OPTS,  /* [[names…], {…}] */
  LK_SIM_COMBO_LIST_ONLY,  /* [[names…]] */
  LK_SIM_COMBO_FORM,       /* ["COMBO", {"options": [names…], …}], never membership-checked */
} LkSimComboShape;

/* What running a node does in the simulated executor. */
typedef enum
{
  LK_SIM_RUN_PASS,            /* opaque outputs (models, conditioning, options) */
  LK_SIM_RUN_EMPTY_LATENT,
  LK_SIM_RUN_SAMPLER,
  LK_SIM_RUN_SAMPLER_ADVANCED,
  LK_SIM_RUN_VAE_DECODE,
  LK_SIM_RUN_VAE_ENCODE,
  LK_SIM_RUN_LATENT_UPSCALE,
  LK_SIM_RUN_LOAD_IMAGE,
  LK_SIM_RUN_SAVE_IMAGE,
  LK_SIM_RUN_PREVIEW_IMAGE,
  LK_SIM_RUN_SAVE_WEBP,
  LK_SIM_RUN_VIDEO_COMBINE,
} LkSimRunKind;

typedef struct
{
  const char          *name;
  const char          *type;      /* "INT", "MODEL", …; NULL for a list-shaped combo */
  const char          *options;   /* JSON object text, or NULL */
  const char * const  *choices;   /* a fixed combo list */
  const char          *source;    /* a combo filled at run time: a models folder key,
                                   * "@input-images" or "@video-formats" */
  LkSimComboShape      shape;
} LkSimInputDef;

typedef struct
{
  const char           *name;
  const char           *display_name;
  const char           *description;
  const char           *category;
  const char           *python_module;
  const LkSimInputDef  *required;   /* terminated by a NULL name */
  const LkSimInputDef  *optional;
  const char * const   *hidden;     /* name, type, name, type, …, NULL */
  const char * const   *outputs;
  const char * const   *output_names;
  const char * const   *output_tooltips;
  gboolean              output_node;
  gboolean              v3;
  LkSimRunKind          run;
} LkSimNodeDef;

typedef struct _LkSimCatalog LkSimCatalog;

LkSimCatalog        *lk_sim_catalog_new            (LkSimModels         *models,
                                                    const char          *input_dir,
                                                    guint                max_resolution);
void                 lk_sim_catalog_free           (LkSimCatalog        *self);
void                 lk_sim_catalog_disable        (LkSimCatalog        *self,
                                                    const char          *class_type);
const LkSimNodeDef  *lk_sim_catalog_lookup         (LkSimCatalog        *self,
                                                    const char          *class_type);
const LkSimInputDef *lk_sim_catalog_find_input     (const LkSimNodeDef  *def,
                                                    const char          *name,
                                                    gboolean            *required);
JsonObject          *lk_sim_catalog_input_options  (LkSimCatalog        *self,
                                                    const LkSimInputDef *input);
GPtrArray           *lk_sim_catalog_choices        (LkSimCatalog        *self,
                                                    const LkSimInputDef *input);
JsonNode            *lk_sim_catalog_input_spec     (LkSimCatalog        *self,
                                                    const LkSimInputDef *input,
                                                    gboolean             for_errors);
JsonNode            *lk_sim_catalog_object_info    (LkSimCatalog        *self,
                                                    const char          *only_class);
gboolean             lk_sim_catalog_is_output_node (LkSimCatalog        *self,
                                                    const char          *class_type);
guint                lk_sim_catalog_count_outputs  (const LkSimNodeDef  *def);

const LkSimNodeDef  *_lk_sim_catalog_get_defs      (guint               *n_defs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimCatalog, lk_sim_catalog_free)

G_END_DECLS
