/* lk-object-info.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A ComfyUI server's `/object_info`: which node classes it has, their inputs, the choices of
 * each list input (model files above all) and their outputs. Every shape ComfyUI uses for a
 * choice list is understood: `[[names…], {options}]`, `[[names…]]` and
 * `["COMBO", {"options": [names…]}]`. Model names use the server's path separator, so a
 * Windows server says `characters\mei.safetensors`; lk_object_info_find_option() finds a file
 * whichever separator the caller used.
 *
 * The answer is read loosely: Python writes integers beyond 64 bits (a seed's maximum) and
 * NaN; those numbers are not used here.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-object-info"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-json-parser.h"
#include "lk-json-writer.h"
#include "lk-node-classes.h"
#include "lk-object-info.h"

typedef struct
{
  char      *type;      /* "MODEL", "INT", …, "COMBO" for choice lists */
  char     **options;   /* choices, NULL when not a list or not given */
  gboolean   required;
} InputSpec;

typedef struct
{
  GHashTable *inputs;    /* name → InputSpec */
  GPtrArray  *required;  /* char *, in the server's order */
  GPtrArray  *outputs;   /* char *, output types by slot */
  gboolean    output_node;
} ClassInfo;

struct _LkObjectInfo
{
  GObject     parent_instance;

  /* Owned */
  GHashTable *classes;   /* class_type → ClassInfo */

  char        separator;
};

G_DEFINE_FINAL_TYPE (LkObjectInfo, lk_object_info, G_TYPE_OBJECT)

static void
input_spec_free (gpointer data)
{
  InputSpec *spec = data;

  g_free (spec->type);
  g_strfreev (spec->options);
  g_free (spec);
}

static void
class_info_free (gpointer data)
{
  ClassInfo *info = data;

  g_hash_table_unref (info->inputs);
  g_ptr_array_unref (info->required);
  g_ptr_array_unref (info->outputs);
  g_free (info);
}

static void
lk_object_info_finalize (GObject *object)
{
  LkObjectInfo *self = (LkObjectInfo *)object;

  g_clear_pointer (&self->classes, g_hash_table_unref);

  G_OBJECT_CLASS (lk_object_info_parent_class)->finalize (object);
}

static void
lk_object_info_class_init (LkObjectInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_object_info_finalize;
}

static void
lk_object_info_init (LkObjectInfo *self)
{
  self->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, class_info_free);
  self->separator = '/';
}

static const char *
string_of (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char **
read_options (JsonArray *array)
{
  GPtrArray *options = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = string_of (element);
      char *number;

      if (text != NULL)
        g_ptr_array_add (options, g_strdup (text));
      else if ((number = lk_json_format_number (element)) != NULL)
        g_ptr_array_add (options, number);
    }
  g_ptr_array_add (options, NULL);

  return (char **) g_ptr_array_free (options, FALSE);
}

/* One input's spec: `["INT", {…}]`, `[[choices…], {…}]`, `["COMBO", {"options": […]}]`. */
static InputSpec *
read_input_spec (JsonNode *node,
                 gboolean  required)
{
  InputSpec *spec;
  JsonArray *array;
  JsonNode *first;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    return NULL;

  first = json_array_get_element (array, 0);
  spec = g_new0 (InputSpec, 1);
  spec->required = required;

  if (JSON_NODE_HOLDS_ARRAY (first))
    {
      spec->type = g_strdup ("COMBO");
      spec->options = read_options (json_node_get_array (first));
    }
  else if (string_of (first) != NULL)
    {
      spec->type = g_strdup (string_of (first));
      if (strcmp (spec->type, "COMBO") == 0 && json_array_get_length (array) > 1)
        {
          JsonNode *extra = json_array_get_element (array, 1);
          JsonNode *options;

          if (JSON_NODE_HOLDS_OBJECT (extra) &&
              (options = json_object_get_member (json_node_get_object (extra), "options")) != NULL &&
              JSON_NODE_HOLDS_ARRAY (options))
            spec->options = read_options (json_node_get_array (options));
        }
    }
  else
    {
      input_spec_free (spec);
      return NULL;
    }

  return spec;
}

static void
read_inputs (ClassInfo  *info,
             JsonObject *input,
             const char *group,
             gboolean    required)
{
  JsonNode *member = json_object_get_member (input, group);
  g_autoptr(GList) names = NULL;
  JsonObject *specs;

  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return;

  specs = json_node_get_object (member);
  names = json_object_get_members (specs);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      InputSpec *spec = read_input_spec (json_object_get_member (specs, l->data), required);

      if (spec == NULL)
        continue;
      g_hash_table_replace (info->inputs, g_strdup (l->data), spec);
      if (required)
        g_ptr_array_add (info->required, g_strdup (l->data));
    }
}

static ClassInfo *
read_class (JsonObject *object)
{
  ClassInfo *info = g_new0 (ClassInfo, 1);
  JsonNode *input = json_object_get_member (object, "input");
  JsonNode *output = json_object_get_member (object, "output");
  JsonNode *output_node = json_object_get_member (object, "output_node");

  info->inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, input_spec_free);
  info->required = g_ptr_array_new_with_free_func (g_free);
  info->outputs = g_ptr_array_new_with_free_func (g_free);

  if (input != NULL && JSON_NODE_HOLDS_OBJECT (input))
    {
      read_inputs (info, json_node_get_object (input), "required", TRUE);
      read_inputs (info, json_node_get_object (input), "optional", FALSE);
    }

  if (output != NULL && JSON_NODE_HOLDS_ARRAY (output))
    {
      JsonArray *types = json_node_get_array (output);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          JsonNode *type = json_array_get_element (types, i);

          if (JSON_NODE_HOLDS_ARRAY (type))
            g_ptr_array_add (info->outputs, g_strdup ("COMBO"));
          else
            g_ptr_array_add (info->outputs, g_strdup (string_of (type) ? string_of (type) : "*"));
        }
    }

  info->output_node = output_node != NULL && JSON_NODE_HOLDS_VALUE (output_node) &&
                      json_node_get_value_type (output_node) == G_TYPE_BOOLEAN &&
                      json_node_get_boolean (output_node);

  return info;
}

/* A Windows server lists model files with "\"; count which separator the model lists use. */
static void
detect_separator (LkObjectInfo *self)
{
  GHashTableIter classes;
  gpointer class_type, class_info;
  guint backslashes = 0;
  guint slashes = 0;

  g_hash_table_iter_init (&classes, self->classes);
  while (g_hash_table_iter_next (&classes, &class_type, &class_info))
    {
      ClassInfo *info = class_info;
      GHashTableIter inputs;
      gpointer name, value;

      g_hash_table_iter_init (&inputs, info->inputs);
      while (g_hash_table_iter_next (&inputs, &name, &value))
        {
          InputSpec *spec = value;

          if (spec->options == NULL || !lk_node_classes_get_model_folder (class_type, name))
            continue;
          for (guint i = 0; spec->options[i] != NULL; i++)
            {
              if (strchr (spec->options[i], '\\') != NULL)
                backslashes++;
              if (strchr (spec->options[i], '/') != NULL)
                slashes++;
            }
        }
    }

  self->separator = backslashes > 0 && slashes == 0 ? '\\' : '/';
}

/**
 * lk_object_info_new_from_node:
 * @root: a server's `/object_info` answer
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Reads the node descriptions. Entries that are not understood (a broken custom node) are
 * skipped rather than failing the whole answer.
 *
 * Returns: (transfer full) (nullable): the descriptions, or %NULL with @error set
 */
LkObjectInfo *
lk_object_info_new_from_node (JsonNode  *root,
                              GError   **error)
{
  g_autoptr(LkObjectInfo) self = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root) || json_object_get_size (json_node_get_object (root)) == 0)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_BAD_OBJECT_INFO,
                           _("The server’s list of nodes (/object_info) is empty or not an "
                             "object; is this a ComfyUI server?"));
      return NULL;
    }

  self = g_object_new (LK_TYPE_OBJECT_INFO, NULL);
  object = json_node_get_object (root);
  names = json_object_get_members (object);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_OBJECT (member))
        g_hash_table_replace (self->classes, g_strdup (l->data),
                              read_class (json_node_get_object (member)));
    }

  if (g_hash_table_size (self->classes) == 0)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_BAD_OBJECT_INFO,
                           _("The server’s list of nodes (/object_info) describes no node"));
      return NULL;
    }

  detect_separator (self);
  return g_steal_pointer (&self);
}

/**
 * lk_object_info_new_from_string:
 * @data: (array length=length): the body of `GET /object_info`
 * @length: the length of @data, or -1 if it is nul-terminated
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Returns: (transfer full) (nullable): the descriptions, or %NULL with @error set
 */
LkObjectInfo *
lk_object_info_new_from_string (const char  *data,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = data == NULL ? 0 : length < 0 ? strlen (data) : (gsize) length;
  root = lk_json_parse (data, size, LK_OBJECT_INFO_MAX_SIZE, LK_JSON_MAX_DEPTH,
                        LK_JSON_PARSE_LOOSE_NUMBERS, NULL, &local_error);
  if (root == NULL)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_BAD_OBJECT_INFO,
                   _("The server’s list of nodes (/object_info) cannot be read: %s"),
                   local_error->message);
      return NULL;
    }

  return lk_object_info_new_from_node (root, error);
}

static ClassInfo *
lookup_class (LkObjectInfo *self,
              const char   *class_type)
{
  return g_hash_table_lookup (self->classes, class_type);
}

static InputSpec *
lookup_input (LkObjectInfo *self,
              const char   *class_type,
              const char   *input)
{
  ClassInfo *info = lookup_class (self, class_type);

  return info != NULL ? g_hash_table_lookup (info->inputs, input) : NULL;
}

/**
 * lk_object_info_get_n_classes:
 * @self: a #LkObjectInfo
 *
 * Returns: how many node classes the server has
 */
guint
lk_object_info_get_n_classes (LkObjectInfo *self)
{
  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), 0);

  return g_hash_table_size (self->classes);
}

/**
 * lk_object_info_has_class:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 *
 * Returns: whether the server has @class_type (a missing one is usually a custom node pack
 *   that is not installed)
 */
gboolean
lk_object_info_has_class (LkObjectInfo *self,
                          const char   *class_type)
{
  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), FALSE);
  g_return_val_if_fail (class_type != NULL, FALSE);

  return lookup_class (self, class_type) != NULL;
}

/**
 * lk_object_info_is_output_node:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 *
 * Returns: whether the server runs @class_type as an output node
 */
gboolean
lk_object_info_is_output_node (LkObjectInfo *self,
                               const char   *class_type)
{
  ClassInfo *info;

  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), FALSE);
  g_return_val_if_fail (class_type != NULL, FALSE);

  info = lookup_class (self, class_type);
  return info != NULL && info->output_node;
}

/**
 * lk_object_info_dup_required_inputs:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 *
 * Returns: (transfer full) (nullable): the inputs a node of @class_type must have, or %NULL
 *   if the server does not have the class
 */
char **
lk_object_info_dup_required_inputs (LkObjectInfo *self,
                                    const char   *class_type)
{
  ClassInfo *info;
  char **names;

  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), NULL);
  g_return_val_if_fail (class_type != NULL, NULL);

  if (!(info = lookup_class (self, class_type)))
    return NULL;

  names = g_new0 (char *, info->required->len + 1);
  for (guint i = 0; i < info->required->len; i++)
    names[i] = g_strdup (g_ptr_array_index (info->required, i));

  return names;
}

/**
 * lk_object_info_get_input_type:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 * @input: one of its inputs
 *
 * Returns: (nullable): the input's type (`MODEL`, `CLIP`, `INT`, `STRING`, …; `COMBO` for a
 *   choice list), or %NULL if the class or the input is unknown
 */
const char *
lk_object_info_get_input_type (LkObjectInfo *self,
                               const char   *class_type,
                               const char   *input)
{
  InputSpec *spec;

  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), NULL);
  g_return_val_if_fail (class_type != NULL && input != NULL, NULL);

  spec = lookup_input (self, class_type, input);
  return spec != NULL ? spec->type : NULL;
}

/**
 * lk_object_info_get_options:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 * @input: one of its inputs
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the choices the server
 *   offers for @input (for a model input: the files it has, with its own separator), or %NULL
 *   if @input is not a choice list or the server does not list the choices
 */
const char * const *
lk_object_info_get_options (LkObjectInfo *self,
                            const char   *class_type,
                            const char   *input)
{
  InputSpec *spec;

  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), NULL);
  g_return_val_if_fail (class_type != NULL && input != NULL, NULL);

  spec = lookup_input (self, class_type, input);
  return spec != NULL ? (const char * const *) spec->options : NULL;
}

static gboolean
same_path (const char *a,
           const char *b)
{
  for (; *a != '\0' && *b != '\0'; a++, b++)
    {
      char ca = *a == '\\' ? '/' : *a;
      char cb = *b == '\\' ? '/' : *b;

      if (ca != cb)
        return FALSE;
    }

  return *a == *b;
}

/**
 * lk_object_info_find_option:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 * @input: a choice-list input, such as `lora_name`
 * @value: a choice, such as `characters/mei.safetensors`
 *
 * Finds @value among the server's choices, taking "/" and "\" as the same separator. ComfyUI
 * itself compares exactly, so a value must be submitted in the spelling returned here.
 *
 * Returns: (nullable): the server's spelling of @value, or %NULL if it has no such choice
 */
const char *
lk_object_info_find_option (LkObjectInfo *self,
                            const char   *class_type,
                            const char   *input,
                            const char   *value)
{
  const char * const *options;

  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), NULL);
  g_return_val_if_fail (class_type != NULL && input != NULL && value != NULL, NULL);

  if (!(options = lk_object_info_get_options (self, class_type, input)))
    return NULL;

  for (guint i = 0; options[i] != NULL; i++)
    if (strcmp (options[i], value) == 0)
      return options[i];

  for (guint i = 0; options[i] != NULL; i++)
    if (same_path (options[i], value))
      return options[i];

  return NULL;
}

/**
 * lk_object_info_get_n_outputs:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 *
 * Returns: how many outputs a node of @class_type has (0 if the class is unknown)
 */
guint
lk_object_info_get_n_outputs (LkObjectInfo *self,
                              const char   *class_type)
{
  ClassInfo *info;

  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), 0);
  g_return_val_if_fail (class_type != NULL, 0);

  info = lookup_class (self, class_type);
  return info != NULL ? info->outputs->len : 0;
}

/**
 * lk_object_info_get_output_type:
 * @self: a #LkObjectInfo
 * @class_type: a node class
 * @slot: an output slot
 *
 * Returns: (nullable): the type of that output (`MODEL`, `CLIP`, …), or %NULL if there is none
 */
const char *
lk_object_info_get_output_type (LkObjectInfo *self,
                                const char   *class_type,
                                guint         slot)
{
  ClassInfo *info;

  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), NULL);
  g_return_val_if_fail (class_type != NULL, NULL);

  info = lookup_class (self, class_type);
  if (info == NULL || slot >= info->outputs->len)
    return NULL;

  return g_ptr_array_index (info->outputs, slot);
}

/**
 * lk_object_info_get_path_separator:
 * @self: a #LkObjectInfo
 *
 * Returns: the separator the server uses in model names: '\\' for a Windows server, else '/'
 */
char
lk_object_info_get_path_separator (LkObjectInfo *self)
{
  g_return_val_if_fail (LK_IS_OBJECT_INFO (self), '/');

  return self->separator;
}
