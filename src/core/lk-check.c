/* lk-check.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One result of preflight: ok, warning or error, what was found, and what to do about it. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-check"

#include "config.h"

#include "lk-check.h"

struct _LkCheck
{
  GObject       parent_instance;

  /* Owned */
  char         *id;
  char         *node_id;
  char         *message;
  char         *fix;

  LkCheckLevel  level;
};

G_DEFINE_FINAL_TYPE (LkCheck, lk_check, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LkCheckLevel, lk_check_level,
                    G_DEFINE_ENUM_VALUE (LK_CHECK_LEVEL_OK, "ok"),
                    G_DEFINE_ENUM_VALUE (LK_CHECK_LEVEL_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (LK_CHECK_LEVEL_ERROR, "error"))

enum {
  PROP_0,
  PROP_ID,
  PROP_LEVEL,
  PROP_NODE_ID,
  PROP_MESSAGE,
  PROP_FIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_check_finalize (GObject *object)
{
  LkCheck *self = (LkCheck *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->fix, g_free);

  G_OBJECT_CLASS (lk_check_parent_class)->finalize (object);
}

static void
lk_check_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LkCheck *self = LK_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_FIX:
      g_value_set_string (value, self->fix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_check_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  LkCheck *self = LK_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_LEVEL:
      self->level = g_value_get_enum (value);
      break;
    case PROP_NODE_ID:
      self->node_id = g_value_dup_string (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    case PROP_FIX:
      self->fix = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_check_class_init (LkCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_check_finalize;
  object_class->get_property = lk_check_get_property;
  object_class->set_property = lk_check_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, LK_TYPE_CHECK_LEVEL, LK_CHECK_LEVEL_OK,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE_ID] =
    g_param_spec_string ("node-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIX] =
    g_param_spec_string ("fix", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_check_init (LkCheck *self)
{
}

/**
 * lk_check_new:
 * @id: what was checked, a stable name such as `node-classes`, `model-files` or `base-model`
 * @level: the outcome
 * @node_id: (nullable): the node concerned
 * @message: what was found, for the artist
 * @fix: (nullable): what to do about it
 *
 * Returns: (transfer full): a new check result
 */
LkCheck *
lk_check_new (const char   *id,
              LkCheckLevel  level,
              const char   *node_id,
              const char   *message,
              const char   *fix)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (LK_TYPE_CHECK,
                       "id", id,
                       "level", level,
                       "node-id", node_id,
                       "message", message,
                       "fix", fix,
                       NULL);
}

/**
 * lk_check_get_id:
 * @self: a #LkCheck
 *
 * Returns: what was checked (`graph`, `server`, `node-classes`, `required-inputs`,
 *   `model-files`, `links`, `outputs`, `base-model`)
 */
const char *
lk_check_get_id (LkCheck *self)
{
  g_return_val_if_fail (LK_IS_CHECK (self), NULL);

  return self->id;
}

/**
 * lk_check_get_level:
 * @self: a #LkCheck
 *
 * Returns: the outcome
 */
LkCheckLevel
lk_check_get_level (LkCheck *self)
{
  g_return_val_if_fail (LK_IS_CHECK (self), LK_CHECK_LEVEL_ERROR);

  return self->level;
}

/**
 * lk_check_get_node_id:
 * @self: a #LkCheck
 *
 * Returns: (nullable): the node concerned
 */
const char *
lk_check_get_node_id (LkCheck *self)
{
  g_return_val_if_fail (LK_IS_CHECK (self), NULL);

  return self->node_id;
}

/**
 * lk_check_get_message:
 * @self: a #LkCheck
 *
 * Returns: what was found
 */
const char *
lk_check_get_message (LkCheck *self)
{
  g_return_val_if_fail (LK_IS_CHECK (self), NULL);

  return self->message;
}

/**
 * lk_check_get_fix:
 * @self: a #LkCheck
 *
 * Returns: (nullable): what to do about it
 */
const char *
lk_check_get_fix (LkCheck *self)
{
  g_return_val_if_fail (LK_IS_CHECK (self), NULL);

  return self->fix;
}

/**
 * lk_check_level_to_string:
 * @level: a #LkCheckLevel
 *
 * Returns: `ok`, `warning` or `error`
 */
const char *
lk_check_level_to_string (LkCheckLevel level)
{
  switch (level)
    {
    case LK_CHECK_LEVEL_OK:
      return "ok";
    case LK_CHECK_LEVEL_WARNING:
      return "warning";
    case LK_CHECK_LEVEL_ERROR:
    default:
      return "error";
    }
}

/**
 * lk_check_to_json:
 * @self: a #LkCheck
 *
 * Returns: (transfer full): `{"id", "level", "node", "message", "fix"}`, without the members
 *   that are not set
 */
JsonNode *
lk_check_to_json (LkCheck *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (LK_IS_CHECK (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "level", lk_check_level_to_string (self->level));
  if (self->node_id != NULL)
    json_object_set_string_member (object, "node", self->node_id);
  json_object_set_string_member (object, "message", self->message);
  if (self->fix != NULL)
    json_object_set_string_member (object, "fix", self->fix);

  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}
