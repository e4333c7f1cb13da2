/* lk-model.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-model.h"

struct _LkModel
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *model_type;
  char *model_path;
  char *file_path;
  char *sha256;
  gint64 file_size;
  char *base_model;
  char *base_model_source;
  char *metadata_json;
  gint64 lineage_id;
  char *lineage_name;
  char *training_session;
  gint64 epoch;
  gint64 steps;
  GDateTime *trained_at;
};

G_DEFINE_FINAL_TYPE (LkModel, lk_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_MODEL_TYPE,
  PROP_MODEL_PATH,
  PROP_FILE_PATH,
  PROP_SHA256,
  PROP_FILE_SIZE,
  PROP_BASE_MODEL,
  PROP_BASE_MODEL_SOURCE,
  PROP_METADATA_JSON,
  PROP_LINEAGE_ID,
  PROP_LINEAGE_NAME,
  PROP_TRAINING_SESSION,
  PROP_EPOCH,
  PROP_STEPS,
  PROP_TRAINED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_model_finalize (GObject *object)
{
  LkModel *self = (LkModel *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->model_type, g_free);
  g_clear_pointer (&self->model_path, g_free);
  g_clear_pointer (&self->file_path, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->base_model, g_free);
  g_clear_pointer (&self->base_model_source, g_free);
  g_clear_pointer (&self->metadata_json, g_free);
  g_clear_pointer (&self->lineage_name, g_free);
  g_clear_pointer (&self->training_session, g_free);
  g_clear_pointer (&self->trained_at, g_date_time_unref);

  G_OBJECT_CLASS (lk_model_parent_class)->finalize (object);
}

static void
lk_model_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkModel *self = LK_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_MODEL_TYPE:
      g_value_set_string (value, self->model_type);
      break;

    case PROP_MODEL_PATH:
      g_value_set_string (value, self->model_path);
      break;

    case PROP_FILE_PATH:
      g_value_set_string (value, self->file_path);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_FILE_SIZE:
      g_value_set_int64 (value, self->file_size);
      break;

    case PROP_BASE_MODEL:
      g_value_set_string (value, self->base_model);
      break;

    case PROP_BASE_MODEL_SOURCE:
      g_value_set_string (value, self->base_model_source);
      break;

    case PROP_METADATA_JSON:
      g_value_set_string (value, self->metadata_json);
      break;

    case PROP_LINEAGE_ID:
      g_value_set_int64 (value, self->lineage_id);
      break;

    case PROP_LINEAGE_NAME:
      g_value_set_string (value, self->lineage_name);
      break;

    case PROP_TRAINING_SESSION:
      g_value_set_string (value, self->training_session);
      break;

    case PROP_EPOCH:
      g_value_set_int64 (value, self->epoch);
      break;

    case PROP_STEPS:
      g_value_set_int64 (value, self->steps);
      break;

    case PROP_TRAINED_AT:
      g_value_set_boxed (value, self->trained_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_model_class_init (LkModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_model_finalize;
  object_class->get_property = lk_model_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_TYPE] =
    g_param_spec_string ("model-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_PATH] =
    g_param_spec_string ("model-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_PATH] =
    g_param_spec_string ("file-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_SIZE] =
    g_param_spec_int64 ("file-size", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_MODEL] =
    g_param_spec_string ("base-model", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_MODEL_SOURCE] =
    g_param_spec_string ("base-model-source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METADATA_JSON] =
    g_param_spec_string ("metadata-json", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINEAGE_ID] =
    g_param_spec_int64 ("lineage-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINEAGE_NAME] =
    g_param_spec_string ("lineage-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINING_SESSION] =
    g_param_spec_string ("training-session", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPOCH] =
    g_param_spec_int64 ("epoch", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEPS] =
    g_param_spec_int64 ("steps", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINED_AT] =
    g_param_spec_boxed ("trained-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_model_init (LkModel *self)
{
}

LkModel *
_lk_model_new (void)
{
  return g_object_new (LK_TYPE_MODEL, NULL);
}

gint64
lk_model_get_id (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), 0);

  return self->id;
}

void
_lk_model_set_id (LkModel *self,
                  gint64 value)
{
  g_assert (LK_IS_MODEL (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lk_model_get_name (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->name;
}

void
_lk_model_set_name (LkModel *self,
                    const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
lk_model_get_model_type (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->model_type;
}

void
_lk_model_set_model_type (LkModel *self,
                          const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->model_type, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_TYPE]);
}

const char *
lk_model_get_model_path (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->model_path;
}

void
_lk_model_set_model_path (LkModel *self,
                          const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->model_path, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_PATH]);
}

const char *
lk_model_get_file_path (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->file_path;
}

void
_lk_model_set_file_path (LkModel *self,
                         const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->file_path, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_PATH]);
}

const char *
lk_model_get_sha256 (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->sha256;
}

void
_lk_model_set_sha256 (LkModel *self,
                      const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->sha256, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHA256]);
}

gint64
lk_model_get_file_size (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), 0);

  return self->file_size;
}

void
_lk_model_set_file_size (LkModel *self,
                         gint64 value)
{
  g_assert (LK_IS_MODEL (self));

  if (self->file_size == value)
    return;
  self->file_size = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_SIZE]);
}

const char *
lk_model_get_base_model (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->base_model;
}

void
_lk_model_set_base_model (LkModel *self,
                          const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->base_model, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_MODEL]);
}

const char *
lk_model_get_base_model_source (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->base_model_source;
}

void
_lk_model_set_base_model_source (LkModel *self,
                                 const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->base_model_source, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_MODEL_SOURCE]);
}

const char *
lk_model_get_metadata_json (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->metadata_json;
}

void
_lk_model_set_metadata_json (LkModel *self,
                             const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->metadata_json, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA_JSON]);
}

gint64
lk_model_get_lineage_id (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), 0);

  return self->lineage_id;
}

void
_lk_model_set_lineage_id (LkModel *self,
                          gint64 value)
{
  g_assert (LK_IS_MODEL (self));

  if (self->lineage_id == value)
    return;
  self->lineage_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINEAGE_ID]);
}

const char *
lk_model_get_lineage_name (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->lineage_name;
}

void
_lk_model_set_lineage_name (LkModel *self,
                            const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->lineage_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINEAGE_NAME]);
}

const char *
lk_model_get_training_session (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->training_session;
}

void
_lk_model_set_training_session (LkModel *self,
                                const char *value)
{
  g_assert (LK_IS_MODEL (self));

  if (lk_set_str (&self->training_session, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING_SESSION]);
}

gint64
lk_model_get_epoch (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), 0);

  return self->epoch;
}

void
_lk_model_set_epoch (LkModel *self,
                     gint64 value)
{
  g_assert (LK_IS_MODEL (self));

  if (self->epoch == value)
    return;
  self->epoch = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPOCH]);
}

gint64
lk_model_get_steps (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), 0);

  return self->steps;
}

void
_lk_model_set_steps (LkModel *self,
                     gint64 value)
{
  g_assert (LK_IS_MODEL (self));

  if (self->steps == value)
    return;
  self->steps = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEPS]);
}

GDateTime *
lk_model_get_trained_at (LkModel *self)
{
  g_return_val_if_fail (LK_IS_MODEL (self), NULL);

  return self->trained_at;
}

void
_lk_model_set_trained_at (LkModel *self,
                          GDateTime *value)
{
  g_assert (LK_IS_MODEL (self));

  if (self->trained_at == value || (self->trained_at && value && g_date_time_equal (self->trained_at, value)))
    return;
  g_clear_pointer (&self->trained_at, g_date_time_unref);
  self->trained_at = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINED_AT]);
}
