/* lk-catalog-objects-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog-job.h"
#include "lk-catalog-output.h"
#include "lk-character.h"
#include "lk-model.h"
#include "lk-profile.h"
#include "lk-project.h"
#include "lk-resolution.h"
#include "lk-template.h"
#include "lk-trigger-set.h"

G_BEGIN_DECLS

/* Constructors and setters for the catalog's query code; setters notify on a real change. */

LkProject *_lk_project_new (void);
void _lk_project_set_id (LkProject *self, gint64 value);
void _lk_project_set_name (LkProject *self, const char *value);
void _lk_project_set_profile_id (LkProject *self, gint64 value);
void _lk_project_set_profile_name (LkProject *self, const char *value);
LkCharacter *_lk_character_new (void);
void _lk_character_set_id (LkCharacter *self, gint64 value);
void _lk_character_set_name (LkCharacter *self, const char *value);
void _lk_character_set_description (LkCharacter *self, const char *value);
void _lk_character_set_project_id (LkCharacter *self, gint64 value);
void _lk_character_set_project_name (LkCharacter *self, const char *value);
void _lk_character_set_profile_id (LkCharacter *self, gint64 value);
void _lk_character_set_profile_name (LkCharacter *self, const char *value);
void _lk_character_set_has_lora (LkCharacter *self, gboolean value);
void _lk_character_set_lora_model_id (LkCharacter *self, gint64 value);
void _lk_character_set_lora_name (LkCharacter *self, const char *value);
void _lk_character_set_lora_file (LkCharacter *self, const char *value);
void _lk_character_set_strength_model (LkCharacter *self, double value);
void _lk_character_set_strength_clip (LkCharacter *self, double value);
LkProfile *_lk_profile_new (void);
void _lk_profile_set_id (LkProfile *self, gint64 value);
void _lk_profile_set_name (LkProfile *self, const char *value);
void _lk_profile_set_checkpoint_id (LkProfile *self, gint64 value);
void _lk_profile_set_template_id (LkProfile *self, gint64 value);
void _lk_profile_set_legacy_lora_id (LkProfile *self, gint64 value);
LkModel *_lk_model_new (void);
void _lk_model_set_id (LkModel *self, gint64 value);
void _lk_model_set_name (LkModel *self, const char *value);
void _lk_model_set_model_type (LkModel *self, const char *value);
void _lk_model_set_model_path (LkModel *self, const char *value);
void _lk_model_set_file_path (LkModel *self, const char *value);
void _lk_model_set_sha256 (LkModel *self, const char *value);
void _lk_model_set_file_size (LkModel *self, gint64 value);
void _lk_model_set_base_model (LkModel *self, const char *value);
void _lk_model_set_base_model_source (LkModel *self, const char *value);
void _lk_model_set_metadata_json (LkModel *self, const char *value);
void _lk_model_set_lineage_id (LkModel *self, gint64 value);
void _lk_model_set_lineage_name (LkModel *self, const char *value);
void _lk_model_set_training_session (LkModel *self, const char *value);
void _lk_model_set_epoch (LkModel *self, gint64 value);
void _lk_model_set_steps (LkModel *self, gint64 value);
void _lk_model_set_trained_at (LkModel *self, GDateTime *value);
LkTemplate *_lk_template_new (void);
void _lk_template_set_id (LkTemplate *self, gint64 value);
void _lk_template_set_name (LkTemplate *self, const char *value);
void _lk_template_set_workflow_json (LkTemplate *self, const char *value);
void _lk_template_set_lora_loader_node (LkTemplate *self, const char *value);
void _lk_template_set_kind (LkTemplate *self, const char *value);
void _lk_template_set_problem (LkTemplate *self, const char *value);
LkTriggerSet *_lk_trigger_set_new (void);
void _lk_trigger_set_set_id (LkTriggerSet *self, gint64 value);
void _lk_trigger_set_set_name (LkTriggerSet *self, const char *value);
void _lk_trigger_set_set_words (LkTriggerSet *self, const char * const *value);
LkCatalogOutput *_lk_catalog_output_new (void);
void _lk_catalog_output_set_id (LkCatalogOutput *self, gint64 value);
void _lk_catalog_output_set_job_id (LkCatalogOutput *self, gint64 value);
void _lk_catalog_output_set_filename (LkCatalogOutput *self, const char *value);
void _lk_catalog_output_set_subfolder (LkCatalogOutput *self, const char *value);
void _lk_catalog_output_set_output_type (LkCatalogOutput *self, const char *value);
void _lk_catalog_output_set_kind (LkCatalogOutput *self, const char *value);
void _lk_catalog_output_set_node_id (LkCatalogOutput *self, const char *value);
LkCatalogJob *_lk_catalog_job_new (void);
void _lk_catalog_job_set_id (LkCatalogJob *self, gint64 value);
void _lk_catalog_job_set_character_id (LkCatalogJob *self, gint64 value);
void _lk_catalog_job_set_profile_id (LkCatalogJob *self, gint64 value);
void _lk_catalog_job_set_template_id (LkCatalogJob *self, gint64 value);
void _lk_catalog_job_set_checkpoint_id (LkCatalogJob *self, gint64 value);
void _lk_catalog_job_set_lora_model_id (LkCatalogJob *self, gint64 value);
void _lk_catalog_job_set_trigger_set (LkCatalogJob *self, const char *value);
void _lk_catalog_job_set_server_url (LkCatalogJob *self, const char *value);
void _lk_catalog_job_set_prompt_id (LkCatalogJob *self, const char *value);
void _lk_catalog_job_set_workflow_json (LkCatalogJob *self, const char *value);
void _lk_catalog_job_set_seed (LkCatalogJob *self, gint64 value);
void _lk_catalog_job_set_status (LkCatalogJob *self, const char *value);
void _lk_catalog_job_set_error (LkCatalogJob *self, const char *value);
void _lk_catalog_job_set_created_by (LkCatalogJob *self, const char *value);
void _lk_catalog_job_set_created_at (LkCatalogJob *self, GDateTime *value);
void _lk_catalog_job_set_updated_at (LkCatalogJob *self, GDateTime *value);
void _lk_catalog_job_set_finished_at (LkCatalogJob *self, GDateTime *value);
void _lk_catalog_job_set_outputs (LkCatalogJob *self, GListModel *value);
LkResolution *_lk_resolution_new (void);
void _lk_resolution_set_character (LkResolution *self, LkCharacter *value);
void _lk_resolution_set_project (LkResolution *self, LkProject *value);
void _lk_resolution_set_profile (LkResolution *self, LkProfile *value);
void _lk_resolution_set_checkpoint (LkResolution *self, LkModel *value);
void _lk_resolution_set_template (LkResolution *self, LkTemplate *value);
void _lk_resolution_set_lora (LkResolution *self, LkModel *value);
void _lk_resolution_set_strength_model (LkResolution *self, double value);
void _lk_resolution_set_strength_clip (LkResolution *self, double value);
void _lk_resolution_set_trigger_sets (LkResolution *self, GListModel *value);
void _lk_resolution_set_warnings (LkResolution *self, const char * const *value);

G_END_DECLS
