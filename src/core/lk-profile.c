/* lk-profile.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-profile.h"

struct _LkProfile
{
  GObject parent_instance;

  gint64 id;
  char *name;
  gint64 checkpoint_id;
  gint64 template_id;
  gint64 legacy_lora_id;
};

G_DEFINE_FINAL_TYPE (LkProfile, lk_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CHECKPOINT_ID,
  PROP_TEMPLATE_ID,
  PROP_LEGACY_LORA_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_profile_finalize (GObject *object)
{
  LkProfile *self = (LkProfile *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lk_profile_parent_class)->finalize (object);
}

static void
lk_profile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LkProfile *self = LK_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CHECKPOINT_ID:
      g_value_set_int64 (value, self->checkpoint_id);
      break;

    case PROP_TEMPLATE_ID:
      g_value_set_int64 (value, self->template_id);
      break;

    case PROP_LEGACY_LORA_ID:
      g_value_set_int64 (value, self->legacy_lora_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_profile_class_init (LkProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_profile_finalize;
  object_class->get_property = lk_profile_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKPOINT_ID] =
    g_param_spec_int64 ("checkpoint-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPLATE_ID] =
    g_param_spec_int64 ("template-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEGACY_LORA_ID] =
    g_param_spec_int64 ("legacy-lora-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_profile_init (LkProfile *self)
{
}

LkProfile *
_lk_profile_new (void)
{
  return g_object_new (LK_TYPE_PROFILE, NULL);
}

gint64
lk_profile_get_id (LkProfile *self)
{
  g_return_val_if_fail (LK_IS_PROFILE (self), 0);

  return self->id;
}

void
_lk_profile_set_id (LkProfile *self,
                    gint64 value)
{
  g_assert (LK_IS_PROFILE (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lk_profile_get_name (LkProfile *self)
{
  g_return_val_if_fail (LK_IS_PROFILE (self), NULL);

  return self->name;
}

void
_lk_profile_set_name (LkProfile *self,
                      const char *value)
{
  g_assert (LK_IS_PROFILE (self));

  if (lk_set_str (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
lk_profile_get_checkpoint_id (LkProfile *self)
{
  g_return_val_if_fail (LK_IS_PROFILE (self), 0);

  return self->checkpoint_id;
}

void
_lk_profile_set_checkpoint_id (LkProfile *self,
                               gint64 value)
{
  g_assert (LK_IS_PROFILE (self));

  if (self->checkpoint_id == value)
    return;
  self->checkpoint_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKPOINT_ID]);
}

gint64
lk_profile_get_template_id (LkProfile *self)
{
  g_return_val_if_fail (LK_IS_PROFILE (self), 0);

  return self->template_id;
}

void
_lk_profile_set_template_id (LkProfile *self,
                             gint64 value)
{
  g_assert (LK_IS_PROFILE (self));

  if (self->template_id == value)
    return;
  self->template_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE_ID]);
}

gint64
lk_profile_get_legacy_lora_id (LkProfile *self)
{
  g_return_val_if_fail (LK_IS_PROFILE (self), 0);

  return self->legacy_lora_id;
}

void
_lk_profile_set_legacy_lora_id (LkProfile *self,
                                gint64 value)
{
  g_assert (LK_IS_PROFILE (self));

  if (self->legacy_lora_id == value)
    return;
  self->legacy_lora_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGACY_LORA_ID]);
}
