/* lk-character.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-character.h"

struct _LkCharacter
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *description;
  gint64 project_id;
  char *project_name;
  gint64 profile_id;
  char *profile_name;
  gboolean has_lora;
  gint64 lora_model_id;
  char *lora_name;
  char *lora_file;
  double strength_model;
  double strength_clip;
};

G_DEFINE_FINAL_TYPE (LkCharacter, lk_character, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PROJECT_ID,
  PROP_PROJECT_NAME,
  PROP_PROFILE_ID,
  PROP_PROFILE_NAME,
  PROP_HAS_LORA,
  PROP_LORA_MODEL_ID,
  PROP_LORA_NAME,
  PROP_LORA_FILE,
  PROP_STRENGTH_MODEL,
  PROP_STRENGTH_CLIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_character_finalize (GObject *object)
{
  LkCharacter *self = (LkCharacter *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->project_name, g_free);
  g_clear_pointer (&self->profile_name, g_free);
  g_clear_pointer (&self->lora_name, g_free);
  g_clear_pointer (&self->lora_file, g_free);

  G_OBJECT_CLASS (lk_character_parent_class)->finalize (object);
}

static void
lk_character_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkCharacter *self = LK_CHARACTER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_PROJECT_ID:
      g_value_set_int64 (value, self->project_id);
      break;

    case PROP_PROJECT_NAME:
      g_value_set_string (value, self->project_name);
      break;

    case PROP_PROFILE_ID:
      g_value_set_int64 (value, self->profile_id);
      break;

    case PROP_PROFILE_NAME:
      g_value_set_string (value, self->profile_name);
      break;

    case PROP_HAS_LORA:
      g_value_set_boolean (value, self->has_lora);
      break;

    case PROP_LORA_MODEL_ID:
      g_value_set_int64 (value, self->lora_model_id);
      break;

    case PROP_LORA_NAME:
      g_value_set_string (value, self->lora_name);
      break;

    case PROP_LORA_FILE:
      g_value_set_string (value, self->lora_file);
      break;

    case PROP_STRENGTH_MODEL:
      g_value_set_double (value, self->strength_model);
      break;

    case PROP_STRENGTH_CLIP:
      g_value_set_double (value, self->strength_clip);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_character_class_init (LkCharacterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_character_finalize;
  object_class->get_property = lk_character_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_ID] =
    g_param_spec_int64 ("project-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_NAME] =
    g_param_spec_string ("project-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_ID] =
    g_param_spec_int64 ("profile-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_NAME] =
    g_param_spec_string ("profile-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_LORA] =
    g_param_spec_boolean ("has-lora", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LORA_MODEL_ID] =
    g_param_spec_int64 ("lora-model-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LORA_NAME] =
    g_param_spec_string ("lora-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LORA_FILE] =
    g_param_spec_string ("lora-file", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRENGTH_MODEL] =
    g_param_spec_double ("strength-model", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRENGTH_CLIP] =
    g_param_spec_double ("strength-clip", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_character_init (LkCharacter *self)
{
}

LkCharacter *
_lk_character_new (void)
{
  return g_object_new (LK_TYPE_CHARACTER, NULL);
}

gint64
lk_character_get_id (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), 0);

  return self->id;
}

void
_lk_character_set_id (LkCharacter *self,
                      gint64 value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lk_character_get_name (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), NULL);

  return self->name;
}

void
_lk_character_set_name (LkCharacter *self,
                        const char *value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (lk_set_str (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
lk_character_get_description (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), NULL);

  return self->description;
}

void
_lk_character_set_description (LkCharacter *self,
                               const char *value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (lk_set_str (&self->description, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
lk_character_get_project_id (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), 0);

  return self->project_id;
}

void
_lk_character_set_project_id (LkCharacter *self,
                              gint64 value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (self->project_id == value)
    return;
  self->project_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

const char *
lk_character_get_project_name (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), NULL);

  return self->project_name;
}

void
_lk_character_set_project_name (LkCharacter *self,
                                const char *value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (lk_set_str (&self->project_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_NAME]);
}

gint64
lk_character_get_profile_id (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), 0);

  return self->profile_id;
}

void
_lk_character_set_profile_id (LkCharacter *self,
                              gint64 value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (self->profile_id == value)
    return;
  self->profile_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_ID]);
}

const char *
lk_character_get_profile_name (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), NULL);

  return self->profile_name;
}

void
_lk_character_set_profile_name (LkCharacter *self,
                                const char *value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (lk_set_str (&self->profile_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_NAME]);
}

gboolean
lk_character_get_has_lora (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), 0);

  return self->has_lora;
}

void
_lk_character_set_has_lora (LkCharacter *self,
                            gboolean value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (self->has_lora == value)
    return;
  self->has_lora = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_LORA]);
}

gint64
lk_character_get_lora_model_id (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), 0);

  return self->lora_model_id;
}

void
_lk_character_set_lora_model_id (LkCharacter *self,
                                 gint64 value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (self->lora_model_id == value)
    return;
  self->lora_model_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LORA_MODEL_ID]);
}

const char *
lk_character_get_lora_name (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), NULL);

  return self->lora_name;
}

void
_lk_character_set_lora_name (LkCharacter *self,
                             const char *value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (lk_set_str (&self->lora_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LORA_NAME]);
}

const char *
lk_character_get_lora_file (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), NULL);

  return self->lora_file;
}

void
_lk_character_set_lora_file (LkCharacter *self,
                             const char *value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (lk_set_str (&self->lora_file, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LORA_FILE]);
}

double
lk_character_get_strength_model (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), 0);

  return self->strength_model;
}

void
_lk_character_set_strength_model (LkCharacter *self,
                                  double value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (self->strength_model == value)
    return;
  self->strength_model = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_MODEL]);
}

double
lk_character_get_strength_clip (LkCharacter *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER (self), 0);

  return self->strength_clip;
}

void
_lk_character_set_strength_clip (LkCharacter *self,
                                 double value)
{
  g_assert (LK_IS_CHARACTER (self));

  if (self->strength_clip == value)
    return;
  self->strength_clip = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_CLIP]);
}
