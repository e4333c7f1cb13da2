/* lk-catalog-output.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-util.h"
#include "lk-catalog-objects-private.h"
#include "lk-catalog-output.h"

struct _LkCatalogOutput
{
  GObject parent_instance;

  gint64 id;
  gint64 job_id;
  char *filename;
  char *subfolder;
  char *output_type;
  char *kind;
  char *node_id;
};

G_DEFINE_FINAL_TYPE (LkCatalogOutput, lk_catalog_output, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_JOB_ID,
  PROP_FILENAME,
  PROP_SUBFOLDER,
  PROP_OUTPUT_TYPE,
  PROP_KIND,
  PROP_NODE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_catalog_output_finalize (GObject *object)
{
  LkCatalogOutput *self = (LkCatalogOutput *)object;

  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->subfolder, g_free);
  g_clear_pointer (&self->output_type, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->node_id, g_free);

  G_OBJECT_CLASS (lk_catalog_output_parent_class)->finalize (object);
}

static void
lk_catalog_output_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkCatalogOutput *self = LK_CATALOG_OUTPUT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_JOB_ID:
      g_value_set_int64 (value, self->job_id);
      break;

    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;

    case PROP_SUBFOLDER:
      g_value_set_string (value, self->subfolder);
      break;

    case PROP_OUTPUT_TYPE:
      g_value_set_string (value, self->output_type);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_output_class_init (LkCatalogOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_catalog_output_finalize;
  object_class->get_property = lk_catalog_output_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB_ID] =
    g_param_spec_int64 ("job-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILENAME] =
    g_param_spec_string ("filename", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBFOLDER] =
    g_param_spec_string ("subfolder", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTPUT_TYPE] =
    g_param_spec_string ("output-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE_ID] =
    g_param_spec_string ("node-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_catalog_output_init (LkCatalogOutput *self)
{
}

LkCatalogOutput *
_lk_catalog_output_new (void)
{
  return g_object_new (LK_TYPE_CATALOG_OUTPUT, NULL);
}

gint64
lk_catalog_output_get_id (LkCatalogOutput *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_OUTPUT (self), 0);

  return self->id;
}

void
_lk_catalog_output_set_id (LkCatalogOutput *self,
                           gint64 value)
{
  g_assert (LK_IS_CATALOG_OUTPUT (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
lk_catalog_output_get_job_id (LkCatalogOutput *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_OUTPUT (self), 0);

  return self->job_id;
}

void
_lk_catalog_output_set_job_id (LkCatalogOutput *self,
                               gint64 value)
{
  g_assert (LK_IS_CATALOG_OUTPUT (self));

  if (self->job_id == value)
    return;
  self->job_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_ID]);
}

const char *
lk_catalog_output_get_filename (LkCatalogOutput *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_OUTPUT (self), NULL);

  return self->filename;
}

void
_lk_catalog_output_set_filename (LkCatalogOutput *self,
                                 const char *value)
{
  g_assert (LK_IS_CATALOG_OUTPUT (self));

  if (lk_set_str (&self->filename, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILENAME]);
}

const char *
lk_catalog_output_get_subfolder (LkCatalogOutput *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_OUTPUT (self), NULL);

  return self->subfolder;
}

void
_lk_catalog_output_set_subfolder (LkCatalogOutput *self,
                                  const char *value)
{
  g_assert (LK_IS_CATALOG_OUTPUT (self));

  if (lk_set_str (&self->subfolder, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBFOLDER]);
}

const char *
lk_catalog_output_get_output_type (LkCatalogOutput *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_OUTPUT (self), NULL);

  return self->output_type;
}

void
_lk_catalog_output_set_output_type (LkCatalogOutput *self,
                                    const char *value)
{
  g_assert (LK_IS_CATALOG_OUTPUT (self));

  if (lk_set_str (&self->output_type, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_TYPE]);
}

const char *
lk_catalog_output_get_kind (LkCatalogOutput *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_OUTPUT (self), NULL);

  return self->kind;
}

void
_lk_catalog_output_set_kind (LkCatalogOutput *self,
                             const char *value)
{
  g_assert (LK_IS_CATALOG_OUTPUT (self));

  if (lk_set_str (&self->kind, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
lk_catalog_output_get_node_id (LkCatalogOutput *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_OUTPUT (self), NULL);

  return self->node_id;
}

void
_lk_catalog_output_set_node_id (LkCatalogOutput *self,
                                const char *value)
{
  g_assert (LK_IS_CATALOG_OUTPUT (self));

  if (lk_set_str (&self->node_id, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE_ID]);
}

LkCatalogOutput *
lk_catalog_output_new (const char *filename,
                       const char *subfolder,
                       const char *output_type,
                       const char *kind,
                       const char *node_id)
{
  LkCatalogOutput *self;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (kind, "image") == 0 || g_strcmp0 (kind, "video") == 0, NULL);

  self = _lk_catalog_output_new ();
  self->filename = g_strdup (filename);
  self->subfolder = g_strdup (subfolder ? subfolder : "");
  self->output_type = g_strdup (output_type ? output_type : "output");
  self->kind = g_strdup (kind);
  self->node_id = g_strdup (node_id);

  return self;
}
