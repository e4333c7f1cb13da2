/* lk-resolution.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-resolution.h"

struct _LkResolution
{
  GObject parent_instance;

  LkCharacter *character;
  LkProject *project;
  LkProfile *profile;
  LkModel *checkpoint;
  LkTemplate *template;
  LkModel *lora;
  double strength_model;
  double strength_clip;
  GListModel *trigger_sets;
  char **warnings;
};

G_DEFINE_FINAL_TYPE (LkResolution, lk_resolution, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHARACTER,
  PROP_PROJECT,
  PROP_PROFILE,
  PROP_CHECKPOINT,
  PROP_TEMPLATE,
  PROP_LORA,
  PROP_STRENGTH_MODEL,
  PROP_STRENGTH_CLIP,
  PROP_TRIGGER_SETS,
  PROP_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_resolution_finalize (GObject *object)
{
  LkResolution *self = (LkResolution *)object;

  g_clear_object (&self->character);
  g_clear_object (&self->project);
  g_clear_object (&self->profile);
  g_clear_object (&self->checkpoint);
  g_clear_object (&self->template);
  g_clear_object (&self->lora);
  g_clear_object (&self->trigger_sets);
  g_clear_pointer (&self->warnings, g_strfreev);

  G_OBJECT_CLASS (lk_resolution_parent_class)->finalize (object);
}

static void
lk_resolution_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkResolution *self = LK_RESOLUTION (object);

  switch (prop_id)
    {
    case PROP_CHARACTER:
      g_value_set_object (value, self->character);
      break;

    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_CHECKPOINT:
      g_value_set_object (value, self->checkpoint);
      break;

    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;

    case PROP_LORA:
      g_value_set_object (value, self->lora);
      break;

    case PROP_STRENGTH_MODEL:
      g_value_set_double (value, self->strength_model);
      break;

    case PROP_STRENGTH_CLIP:
      g_value_set_double (value, self->strength_clip);
      break;

    case PROP_TRIGGER_SETS:
      g_value_set_object (value, self->trigger_sets);
      break;

    case PROP_WARNINGS:
      g_value_set_boxed (value, self->warnings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_resolution_class_init (LkResolutionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_resolution_finalize;
  object_class->get_property = lk_resolution_get_property;

  properties[PROP_CHARACTER] =
    g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, LK_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, LK_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKPOINT] =
    g_param_spec_object ("checkpoint", NULL, NULL, LK_TYPE_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, LK_TYPE_TEMPLATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LORA] =
    g_param_spec_object ("lora", NULL, NULL, LK_TYPE_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRENGTH_MODEL] =
    g_param_spec_double ("strength-model", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRENGTH_CLIP] =
    g_param_spec_double ("strength-clip", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRIGGER_SETS] =
    g_param_spec_object ("trigger-sets", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARNINGS] =
    g_param_spec_boxed ("warnings", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_resolution_init (LkResolution *self)
{
  self->trigger_sets = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
  self->warnings = g_new0 (char *, 1);
}

LkResolution *
_lk_resolution_new (void)
{
  return g_object_new (LK_TYPE_RESOLUTION, NULL);
}

LkCharacter *
lk_resolution_get_character (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return self->character;
}

void
_lk_resolution_set_character (LkResolution *self,
                              LkCharacter *value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (g_set_object (&self->character, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

LkProject *
lk_resolution_get_project (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return self->project;
}

void
_lk_resolution_set_project (LkResolution *self,
                            LkProject *value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (g_set_object (&self->project, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

LkProfile *
lk_resolution_get_profile (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return self->profile;
}

void
_lk_resolution_set_profile (LkResolution *self,
                            LkProfile *value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (g_set_object (&self->profile, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

LkModel *
lk_resolution_get_checkpoint (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return self->checkpoint;
}

void
_lk_resolution_set_checkpoint (LkResolution *self,
                               LkModel *value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (g_set_object (&self->checkpoint, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKPOINT]);
}

LkTemplate *
lk_resolution_get_template (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return self->template;
}

void
_lk_resolution_set_template (LkResolution *self,
                             LkTemplate *value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (g_set_object (&self->template, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

LkModel *
lk_resolution_get_lora (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return self->lora;
}

void
_lk_resolution_set_lora (LkResolution *self,
                         LkModel *value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (g_set_object (&self->lora, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LORA]);
}

double
lk_resolution_get_strength_model (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), 0);

  return self->strength_model;
}

void
_lk_resolution_set_strength_model (LkResolution *self,
                                   double value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (self->strength_model == value)
    return;
  self->strength_model = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_MODEL]);
}

double
lk_resolution_get_strength_clip (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), 0);

  return self->strength_clip;
}

void
_lk_resolution_set_strength_clip (LkResolution *self,
                                  double value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (self->strength_clip == value)
    return;
  self->strength_clip = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_CLIP]);
}

GListModel *
lk_resolution_get_trigger_sets (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return self->trigger_sets;
}

void
_lk_resolution_set_trigger_sets (LkResolution *self,
                                 GListModel *value)
{
  g_assert (LK_IS_RESOLUTION (self));

  if (g_set_object (&self->trigger_sets, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_SETS]);
}

const char * const *
lk_resolution_get_warnings (LkResolution *self)
{
  g_return_val_if_fail (LK_IS_RESOLUTION (self), NULL);

  return (const char * const *)self->warnings;
}

void
_lk_resolution_set_warnings (LkResolution *self,
                             const char * const *value)
{
  static const char * const empty[] = { NULL };

  g_assert (LK_IS_RESOLUTION (self));

  if (value == NULL)
    value = empty;
  if (g_strv_equal ((const char * const *)self->warnings, value))
    return;
  g_strfreev (self->warnings);
  self->warnings = g_strdupv ((char **)value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNINGS]);
}
