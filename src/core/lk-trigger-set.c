/* lk-trigger-set.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-trigger-set.h"

struct _LkTriggerSet
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char **words;
};

G_DEFINE_FINAL_TYPE (LkTriggerSet, lk_trigger_set, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_WORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_trigger_set_finalize (GObject *object)
{
  LkTriggerSet *self = (LkTriggerSet *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->words, g_strfreev);

  G_OBJECT_CLASS (lk_trigger_set_parent_class)->finalize (object);
}

static void
lk_trigger_set_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkTriggerSet *self = LK_TRIGGER_SET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_WORDS:
      g_value_set_boxed (value, self->words);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_trigger_set_class_init (LkTriggerSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_trigger_set_finalize;
  object_class->get_property = lk_trigger_set_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORDS] =
    g_param_spec_boxed ("words", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_trigger_set_init (LkTriggerSet *self)
{
  self->words = g_new0 (char *, 1);
}

LkTriggerSet *
_lk_trigger_set_new (void)
{
  return g_object_new (LK_TYPE_TRIGGER_SET, NULL);
}

gint64
lk_trigger_set_get_id (LkTriggerSet *self)
{
  g_return_val_if_fail (LK_IS_TRIGGER_SET (self), 0);

  return self->id;
}

void
_lk_trigger_set_set_id (LkTriggerSet *self,
                        gint64 value)
{
  g_assert (LK_IS_TRIGGER_SET (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lk_trigger_set_get_name (LkTriggerSet *self)
{
  g_return_val_if_fail (LK_IS_TRIGGER_SET (self), NULL);

  return self->name;
}

void
_lk_trigger_set_set_name (LkTriggerSet *self,
                          const char *value)
{
  g_assert (LK_IS_TRIGGER_SET (self));

  if (lk_set_str (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char * const *
lk_trigger_set_get_words (LkTriggerSet *self)
{
  g_return_val_if_fail (LK_IS_TRIGGER_SET (self), NULL);

  return (const char * const *)self->words;
}

void
_lk_trigger_set_set_words (LkTriggerSet *self,
                           const char * const *value)
{
  static const char * const empty[] = { NULL };

  g_assert (LK_IS_TRIGGER_SET (self));

  if (value == NULL)
    value = empty;
  if (g_strv_equal ((const char * const *)self->words, value))
    return;
  g_strfreev (self->words);
  self->words = g_strdupv ((char **)value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORDS]);
}
