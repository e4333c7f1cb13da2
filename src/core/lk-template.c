/* lk-template.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-template.h"

struct _LkTemplate
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *workflow_json;
  char *lora_loader_node;
  char *kind;
  char *problem;
};

G_DEFINE_FINAL_TYPE (LkTemplate, lk_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_WORKFLOW_JSON,
  PROP_LORA_LOADER_NODE,
  PROP_KIND,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_template_finalize (GObject *object)
{
  LkTemplate *self = (LkTemplate *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->workflow_json, g_free);
  g_clear_pointer (&self->lora_loader_node, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (lk_template_parent_class)->finalize (object);
}

static void
lk_template_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkTemplate *self = LK_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_WORKFLOW_JSON:
      g_value_set_string (value, self->workflow_json);
      break;

    case PROP_LORA_LOADER_NODE:
      g_value_set_string (value, self->lora_loader_node);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_template_class_init (LkTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_template_finalize;
  object_class->get_property = lk_template_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKFLOW_JSON] =
    g_param_spec_string ("workflow-json", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LORA_LOADER_NODE] =
    g_param_spec_string ("lora-loader-node", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_template_init (LkTemplate *self)
{
}

LkTemplate *
_lk_template_new (void)
{
  return g_object_new (LK_TYPE_TEMPLATE, NULL);
}

gint64
lk_template_get_id (LkTemplate *self)
{
  g_return_val_if_fail (LK_IS_TEMPLATE (self), 0);

  return self->id;
}

void
_lk_template_set_id (LkTemplate *self,
                     gint64 value)
{
  g_assert (LK_IS_TEMPLATE (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lk_template_get_name (LkTemplate *self)
{
  g_return_val_if_fail (LK_IS_TEMPLATE (self), NULL);

  return self->name;
}

void
_lk_template_set_name (LkTemplate *self,
                       const char *value)
{
  g_assert (LK_IS_TEMPLATE (self));

  if (lk_set_str (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
lk_template_get_workflow_json (LkTemplate *self)
{
  g_return_val_if_fail (LK_IS_TEMPLATE (self), NULL);

  return self->workflow_json;
}

void
_lk_template_set_workflow_json (LkTemplate *self,
                                const char *value)
{
  g_assert (LK_IS_TEMPLATE (self));

  if (lk_set_str (&self->workflow_json, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKFLOW_JSON]);
}

const char *
lk_template_get_lora_loader_node (LkTemplate *self)
{
  g_return_val_if_fail (LK_IS_TEMPLATE (self), NULL);

  return self->lora_loader_node;
}

void
_lk_template_set_lora_loader_node (LkTemplate *self,
                                   const char *value)
{
  g_assert (LK_IS_TEMPLATE (self));

  if (lk_set_str (&self->lora_loader_node, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LORA_LOADER_NODE]);
}

const char *
lk_template_get_kind (LkTemplate *self)
{
  g_return_val_if_fail (LK_IS_TEMPLATE (self), NULL);

  return self->kind;
}

void
_lk_template_set_kind (LkTemplate *self,
                       const char *value)
{
  g_assert (LK_IS_TEMPLATE (self));

  if (lk_set_str (&self->kind, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
lk_template_get_problem (LkTemplate *self)
{
  g_return_val_if_fail (LK_IS_TEMPLATE (self), NULL);

  return self->problem;
}

void
_lk_template_set_problem (LkTemplate *self,
                          const char *value)
{
  g_assert (LK_IS_TEMPLATE (self));

  if (lk_set_str (&self->problem, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}
