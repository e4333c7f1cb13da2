/* lk-catalog-job.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-catalog-job.h"

struct _LkCatalogJob
{
  GObject parent_instance;

  gint64 id;
  gint64 character_id;
  gint64 profile_id;
  gint64 template_id;
  gint64 checkpoint_id;
  gint64 lora_model_id;
  char *trigger_set;
  char *server_url;
  char *prompt_id;
  char *workflow_json;
  gint64 seed;
  char *status;
  char *error;
  char *created_by;
  GDateTime *created_at;
  GDateTime *updated_at;
  GDateTime *finished_at;
  GListModel *outputs;
};

G_DEFINE_FINAL_TYPE (LkCatalogJob, lk_catalog_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CHARACTER_ID,
  PROP_PROFILE_ID,
  PROP_TEMPLATE_ID,
  PROP_CHECKPOINT_ID,
  PROP_LORA_MODEL_ID,
  PROP_TRIGGER_SET,
  PROP_SERVER_URL,
  PROP_PROMPT_ID,
  PROP_WORKFLOW_JSON,
  PROP_SEED,
  PROP_STATUS,
  PROP_ERROR,
  PROP_CREATED_BY,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_FINISHED_AT,
  PROP_OUTPUTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_catalog_job_finalize (GObject *object)
{
  LkCatalogJob *self = (LkCatalogJob *)object;

  g_clear_pointer (&self->trigger_set, g_free);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->prompt_id, g_free);
  g_clear_pointer (&self->workflow_json, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->created_by, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  g_clear_object (&self->outputs);

  G_OBJECT_CLASS (lk_catalog_job_parent_class)->finalize (object);
}

static void
lk_catalog_job_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkCatalogJob *self = LK_CATALOG_JOB (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CHARACTER_ID:
      g_value_set_int64 (value, self->character_id);
      break;

    case PROP_PROFILE_ID:
      g_value_set_int64 (value, self->profile_id);
      break;

    case PROP_TEMPLATE_ID:
      g_value_set_int64 (value, self->template_id);
      break;

    case PROP_CHECKPOINT_ID:
      g_value_set_int64 (value, self->checkpoint_id);
      break;

    case PROP_LORA_MODEL_ID:
      g_value_set_int64 (value, self->lora_model_id);
      break;

    case PROP_TRIGGER_SET:
      g_value_set_string (value, self->trigger_set);
      break;

    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_PROMPT_ID:
      g_value_set_string (value, self->prompt_id);
      break;

    case PROP_WORKFLOW_JSON:
      g_value_set_string (value, self->workflow_json);
      break;

    case PROP_SEED:
      g_value_set_int64 (value, self->seed);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_CREATED_BY:
      g_value_set_string (value, self->created_by);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    case PROP_FINISHED_AT:
      g_value_set_boxed (value, self->finished_at);
      break;

    case PROP_OUTPUTS:
      g_value_set_object (value, self->outputs);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_job_class_init (LkCatalogJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_catalog_job_finalize;
  object_class->get_property = lk_catalog_job_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHARACTER_ID] =
    g_param_spec_int64 ("character-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_ID] =
    g_param_spec_int64 ("profile-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPLATE_ID] =
    g_param_spec_int64 ("template-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKPOINT_ID] =
    g_param_spec_int64 ("checkpoint-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LORA_MODEL_ID] =
    g_param_spec_int64 ("lora-model-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRIGGER_SET] =
    g_param_spec_string ("trigger-set", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROMPT_ID] =
    g_param_spec_string ("prompt-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKFLOW_JSON] =
    g_param_spec_string ("workflow-json", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_int64 ("seed", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_BY] =
    g_param_spec_string ("created-by", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED_AT] =
    g_param_spec_boxed ("finished-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTPUTS] =
    g_param_spec_object ("outputs", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_catalog_job_init (LkCatalogJob *self)
{
  self->outputs = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
}

LkCatalogJob *
_lk_catalog_job_new (void)
{
  return g_object_new (LK_TYPE_CATALOG_JOB, NULL);
}

gint64
lk_catalog_job_get_id (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), 0);

  return self->id;
}

void
_lk_catalog_job_set_id (LkCatalogJob *self,
                        gint64 value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
lk_catalog_job_get_character_id (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), 0);

  return self->character_id;
}

void
_lk_catalog_job_set_character_id (LkCatalogJob *self,
                                  gint64 value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->character_id == value)
    return;
  self->character_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER_ID]);
}

gint64
lk_catalog_job_get_profile_id (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), 0);

  return self->profile_id;
}

void
_lk_catalog_job_set_profile_id (LkCatalogJob *self,
                                gint64 value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->profile_id == value)
    return;
  self->profile_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_ID]);
}

gint64
lk_catalog_job_get_template_id (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), 0);

  return self->template_id;
}

void
_lk_catalog_job_set_template_id (LkCatalogJob *self,
                                 gint64 value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->template_id == value)
    return;
  self->template_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE_ID]);
}

gint64
lk_catalog_job_get_checkpoint_id (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), 0);

  return self->checkpoint_id;
}

void
_lk_catalog_job_set_checkpoint_id (LkCatalogJob *self,
                                   gint64 value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->checkpoint_id == value)
    return;
  self->checkpoint_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKPOINT_ID]);
}

gint64
lk_catalog_job_get_lora_model_id (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), 0);

  return self->lora_model_id;
}

void
_lk_catalog_job_set_lora_model_id (LkCatalogJob *self,
                                   gint64 value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->lora_model_id == value)
    return;
  self->lora_model_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LORA_MODEL_ID]);
}

const char *
lk_catalog_job_get_trigger_set (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->trigger_set;
}

void
_lk_catalog_job_set_trigger_set (LkCatalogJob *self,
                                 const char *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (lk_set_str (&self->trigger_set, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_SET]);
}

const char *
lk_catalog_job_get_server_url (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->server_url;
}

void
_lk_catalog_job_set_server_url (LkCatalogJob *self,
                                const char *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (lk_set_str (&self->server_url, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

const char *
lk_catalog_job_get_prompt_id (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->prompt_id;
}

void
_lk_catalog_job_set_prompt_id (LkCatalogJob *self,
                               const char *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (lk_set_str (&self->prompt_id, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPT_ID]);
}

const char *
lk_catalog_job_get_workflow_json (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->workflow_json;
}

void
_lk_catalog_job_set_workflow_json (LkCatalogJob *self,
                                   const char *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (lk_set_str (&self->workflow_json, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKFLOW_JSON]);
}

gint64
lk_catalog_job_get_seed (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), 0);

  return self->seed;
}

void
_lk_catalog_job_set_seed (LkCatalogJob *self,
                          gint64 value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->seed == value)
    return;
  self->seed = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

const char *
lk_catalog_job_get_status (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->status;
}

void
_lk_catalog_job_set_status (LkCatalogJob *self,
                            const char *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (lk_set_str (&self->status, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
lk_catalog_job_get_error (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->error;
}

void
_lk_catalog_job_set_error (LkCatalogJob *self,
                           const char *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (lk_set_str (&self->error, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

const char *
lk_catalog_job_get_created_by (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->created_by;
}

void
_lk_catalog_job_set_created_by (LkCatalogJob *self,
                                const char *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (lk_set_str (&self->created_by, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_BY]);
}

GDateTime *
lk_catalog_job_get_created_at (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->created_at;
}

void
_lk_catalog_job_set_created_at (LkCatalogJob *self,
                                GDateTime *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->created_at == value || (self->created_at && value && g_date_time_equal (self->created_at, value)))
    return;
  g_clear_pointer (&self->created_at, g_date_time_unref);
  self->created_at = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

GDateTime *
lk_catalog_job_get_updated_at (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->updated_at;
}

void
_lk_catalog_job_set_updated_at (LkCatalogJob *self,
                                GDateTime *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->updated_at == value || (self->updated_at && value && g_date_time_equal (self->updated_at, value)))
    return;
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  self->updated_at = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

GDateTime *
lk_catalog_job_get_finished_at (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->finished_at;
}

void
_lk_catalog_job_set_finished_at (LkCatalogJob *self,
                                 GDateTime *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (self->finished_at == value || (self->finished_at && value && g_date_time_equal (self->finished_at, value)))
    return;
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  self->finished_at = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED_AT]);
}

GListModel *
lk_catalog_job_get_outputs (LkCatalogJob *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_JOB (self), NULL);

  return self->outputs;
}

void
_lk_catalog_job_set_outputs (LkCatalogJob *self,
                             GListModel *value)
{
  g_assert (LK_IS_CATALOG_JOB (self));

  if (g_set_object (&self->outputs, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUTS]);
}
