/* lk-project.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-project.h"

struct _LkProject
{
  GObject parent_instance;

  gint64 id;
  char *name;
  gint64 profile_id;
  char *profile_name;
};

G_DEFINE_FINAL_TYPE (LkProject, lk_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PROFILE_ID,
  PROP_PROFILE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_project_finalize (GObject *object)
{
  LkProject *self = (LkProject *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->profile_name, g_free);

  G_OBJECT_CLASS (lk_project_parent_class)->finalize (object);
}

static void
lk_project_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LkProject *self = LK_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PROFILE_ID:
      g_value_set_int64 (value, self->profile_id);
      break;

    case PROP_PROFILE_NAME:
      g_value_set_string (value, self->profile_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_project_class_init (LkProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_project_finalize;
  object_class->get_property = lk_project_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_ID] =
    g_param_spec_int64 ("profile-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_NAME] =
    g_param_spec_string ("profile-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_project_init (LkProject *self)
{
}

LkProject *
_lk_project_new (void)
{
  return g_object_new (LK_TYPE_PROJECT, NULL);
}

gint64
lk_project_get_id (LkProject *self)
{
  g_return_val_if_fail (LK_IS_PROJECT (self), 0);

  return self->id;
}

void
_lk_project_set_id (LkProject *self,
                    gint64 value)
{
  g_assert (LK_IS_PROJECT (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lk_project_get_name (LkProject *self)
{
  g_return_val_if_fail (LK_IS_PROJECT (self), NULL);

  return self->name;
}

void
_lk_project_set_name (LkProject *self,
                      const char *value)
{
  g_assert (LK_IS_PROJECT (self));

  if (lk_set_str (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
lk_project_get_profile_id (LkProject *self)
{
  g_return_val_if_fail (LK_IS_PROJECT (self), 0);

  return self->profile_id;
}

void
_lk_project_set_profile_id (LkProject *self,
                            gint64 value)
{
  g_assert (LK_IS_PROJECT (self));

  if (self->profile_id == value)
    return;
  self->profile_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_ID]);
}

const char *
lk_project_get_profile_name (LkProject *self)
{
  g_return_val_if_fail (LK_IS_PROJECT (self), NULL);

  return self->profile_name;
}

void
_lk_project_set_profile_name (LkProject *self,
                              const char *value)
{
  g_assert (LK_IS_PROJECT (self));

  if (lk_set_str (&self->profile_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_NAME]);
}
