/* lk-sim-catalog.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-catalog"

#include "config.h"

#include <string.h>

#include "lk-sim-catalog.h"
#include "lk-sim-json.h"
#include "lk-sim-video.h"

struct _LkSimCatalog
{
  LkSimModels *models;      /* borrowed */
  char        *input_dir;
  guint        max_resolution;
  GHashTable  *disabled;    /* class names */
  GHashTable  *options;     /* LkSimInputDef* → JsonObject */
};

static JsonNode *
fill_placeholder (LkSimCatalog *self,
                  JsonNode     *node)
{
  const char *text;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  if (g_strcmp0 (text, "@MAX_RESOLUTION") == 0)
    return lk_sim_json_int (self->max_resolution);
  if (g_strcmp0 (text, "@UINT64_MAX") == 0)
    return lk_sim_json_uint64_max ();
  return NULL;
}

static void
parse_options (LkSimCatalog        *self,
               const LkSimInputDef *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  GList *names;

  if (input->options == NULL)
    return;

  root = lk_sim_json_parse (input->options, -1, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    g_error ("Bad options for input %s: %s", input->name, error ? error->message : "not an object");

  object = json_node_get_object (root);
  names = json_object_get_members (object);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *filled = fill_placeholder (self, json_object_get_member (object, l->data));

      if (filled)
        json_object_set_member (object, l->data, filled);
    }
  g_list_free (names);

  g_hash_table_insert (self->options, (gpointer)input, json_object_ref (object));
}

/**
 * lk_sim_catalog_new:
 * @models: (transfer none): the model folders, which must outlive the catalogue
 * @input_dir: the input directory, whose images LoadImage offers
 * @max_resolution: the largest width or height the simulator accepts
 *
 * Returns: (transfer full): the node catalogue
 */
LkSimCatalog *
lk_sim_catalog_new (LkSimModels *models,
                    const char  *input_dir,
                    guint        max_resolution)
{
  LkSimCatalog *self = g_new0 (LkSimCatalog, 1);
  const LkSimNodeDef *defs;
  guint n_defs;

  self->models = models;
  self->input_dir = g_strdup (input_dir);
  self->max_resolution = max_resolution;
  self->disabled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->options = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)json_object_unref);

  defs = _lk_sim_catalog_get_defs (&n_defs);
  for (guint i = 0; i < n_defs; i++)
    {
      for (const LkSimInputDef *in = defs[i].required; in && in->name; in++)
        parse_options (self, in);
      for (const LkSimInputDef *in = defs[i].optional; in && in->name; in++)
        parse_options (self, in);
    }

  return self;
}

void
lk_sim_catalog_free (LkSimCatalog *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->options);
  g_hash_table_unref (self->disabled);
  g_free (self->input_dir);
  g_free (self);
}

/**
 * lk_sim_catalog_disable:
 * @self: a catalogue
 * @class_type: a node class to remove, as if its custom node were not installed
 */
void
lk_sim_catalog_disable (LkSimCatalog *self,
                        const char   *class_type)
{
  g_hash_table_add (self->disabled, g_strdup (class_type));
}

/**
 * lk_sim_catalog_lookup:
 * @self: a catalogue
 * @class_type: (nullable): a class name
 *
 * Returns: (transfer none) (nullable): the class, or %NULL if it is unknown or disabled
 */
const LkSimNodeDef *
lk_sim_catalog_lookup (LkSimCatalog *self,
                       const char   *class_type)
{
  const LkSimNodeDef *defs;
  guint n_defs;

  if (class_type == NULL || g_hash_table_contains (self->disabled, class_type))
    return NULL;

  defs = _lk_sim_catalog_get_defs (&n_defs);
  for (guint i = 0; i < n_defs; i++)
    if (strcmp (defs[i].name, class_type) == 0)
      return &defs[i];
  return NULL;
}

gboolean
lk_sim_catalog_is_output_node (LkSimCatalog *self,
                               const char   *class_type)
{
  const LkSimNodeDef *def = lk_sim_catalog_lookup (self, class_type);

  return def != NULL && def->output_node;
}

guint
lk_sim_catalog_count_outputs (const LkSimNodeDef *def)
{
  guint n = 0;

  while (def->outputs && def->outputs[n])
    n++;
  return n;
}

/**
 * lk_sim_catalog_find_input:
 * @def: a node class
 * @name: an input name
 * @required: (out) (optional): whether the input is required
 *
 * Returns: (transfer none) (nullable): the required or optional input of that name
 */
const LkSimInputDef *
lk_sim_catalog_find_input (const LkSimNodeDef *def,
                           const char         *name,
                           gboolean           *required)
{
  for (const LkSimInputDef *in = def->required; in && in->name; in++)
    if (strcmp (in->name, name) == 0)
      {
        if (required)
          *required = TRUE;
        return in;
      }
  for (const LkSimInputDef *in = def->optional; in && in->name; in++)
    if (strcmp (in->name, name) == 0)
      {
        if (required)
          *required = FALSE;
        return in;
      }
  return NULL;
}

/**
 * lk_sim_catalog_input_options:
 * @self: a catalogue
 * @input: an input
 *
 * Returns: (transfer none) (nullable): the input's options ("default", "min", "max", …)
 */
JsonObject *
lk_sim_catalog_input_options (LkSimCatalog        *self,
                              const LkSimInputDef *input)
{
  return g_hash_table_lookup (self->options, input);
}

/**
 * lk_sim_catalog_choices:
 * @self: a catalogue
 * @input: an input
 *
 * Returns: (transfer full) (nullable): the current combo choices, or %NULL if @input is not
 *   a combo
 */
GPtrArray *
lk_sim_catalog_choices (LkSimCatalog        *self,
                        const LkSimInputDef *input)
{
  GPtrArray *choices;

  if (input->shape == LK_SIM_COMBO_NONE)
    return NULL;

  if (input->choices)
    {
      choices = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; input->choices[i]; i++)
        g_ptr_array_add (choices, g_strdup (input->choices[i]));
      return choices;
    }
  if (g_strcmp0 (input->source, "@input-images") == 0)
    return lk_sim_models_list_images (self->input_dir);
  if (g_strcmp0 (input->source, "@video-formats") == 0)
    {
      const char * const *formats = lk_sim_video_formats ();

      choices = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; formats[i]; i++)
        g_ptr_array_add (choices, g_strdup (formats[i]));
      return choices;
    }

  choices = lk_sim_models_list (self->models, input->source);
  return choices ? choices : g_ptr_array_new_with_free_func (g_free);
}

static JsonArray *
strings_to_array (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  return array;
}

static char *
display_type (const char *type)
{
  const char *bar = strchr (type, '|');

  return bar ? g_strndup (type, bar - type) : g_strdup (type);
}

/**
 * lk_sim_catalog_input_spec:
 * @self: a catalogue
 * @input: an input
 * @for_errors: %TRUE for the `input_config` of a validation error, which always has the
 *   options object (possibly empty); %FALSE for /object_info, which writes 1-element specs
 *
 * Returns: (transfer full): the spec array of the input
 */
JsonNode *
lk_sim_catalog_input_spec (LkSimCatalog        *self,
                           const LkSimInputDef *input,
                           gboolean             for_errors)
{
  JsonArray *spec = json_array_new ();
  JsonObject *options = lk_sim_catalog_input_options (self, input);
  g_autoptr(GPtrArray) choices = lk_sim_catalog_choices (self, input);

  switch (input->shape)
    {
    case LK_SIM_COMBO_FORM:
      {
        JsonObject *copy = json_object_new ();
        GList *names = options ? json_object_get_members (options) : NULL;

        for (GList *l = names; l; l = l->next)
          json_object_set_member (copy, l->data,
                                  json_node_copy (json_object_get_member (options, l->data)));
        g_list_free (names);
        json_object_set_array_member (copy, "options", strings_to_array (choices));
        json_array_add_string_element (spec, "COMBO");
        json_array_add_object_element (spec, copy);
      }
      break;

    case LK_SIM_COMBO_LIST_OPTS:
    case LK_SIM_COMBO_LIST_ONLY:
      json_array_add_array_element (spec, strings_to_array (choices));
      if (options)
        json_array_add_object_element (spec, json_object_ref (options));
      else if (for_errors)
        json_array_add_object_element (spec, json_object_new ());
      break;

    case LK_SIM_COMBO_NONE:
    default:
      {
        g_autofree char *type = display_type (input->type);

        json_array_add_string_element (spec, type);
      }
      if (options)
        json_array_add_object_element (spec, json_object_ref (options));
      else if (for_errors)
        json_array_add_object_element (spec, json_object_new ());
      break;
    }

  return lk_sim_json_array_node (spec);
}

static void
add_inputs (LkSimCatalog        *self,
            JsonObject          *input,
            JsonObject          *order,
            const char          *category,
            const LkSimInputDef *defs)
{
  JsonObject *specs;
  JsonArray *names;

  if (defs == NULL || defs->name == NULL)
    return;

  specs = json_object_new ();
  names = json_array_new ();
  for (const LkSimInputDef *in = defs; in->name; in++)
    {
      json_object_set_member (specs, in->name, lk_sim_catalog_input_spec (self, in, FALSE));
      json_array_add_string_element (names, in->name);
    }
  json_object_set_object_member (input, category, specs);
  json_object_set_array_member (order, category, names);
}

static JsonObject *
node_info (LkSimCatalog       *self,
           const LkSimNodeDef *def)
{
  JsonObject *info = json_object_new ();
  JsonObject *input = json_object_new ();
  JsonObject *order = json_object_new ();
  JsonArray *is_list = json_array_new ();
  guint n_outputs = lk_sim_catalog_count_outputs (def);

  add_inputs (self, input, order, "required", def->required);
  add_inputs (self, input, order, "optional", def->optional);
  if (def->hidden)
    {
      JsonObject *hidden = json_object_new ();
      JsonArray *names = json_array_new ();

      for (guint i = 0; def->hidden[i]; i += 2)
        {
          const char *type[] = { def->hidden[i + 1], NULL };

          if (def->v3)
            json_object_set_array_member (hidden, def->hidden[i], lk_sim_json_strv (type));
          else
            json_object_set_string_member (hidden, def->hidden[i], def->hidden[i + 1]);
          json_array_add_string_element (names, def->hidden[i]);
        }
      json_object_set_object_member (input, "hidden", hidden);
      json_object_set_array_member (order, "hidden", names);
    }

  for (guint i = 0; i < n_outputs; i++)
    json_array_add_boolean_element (is_list, FALSE);

  json_object_set_object_member (info, "input", input);
  json_object_set_object_member (info, "input_order", order);
  json_object_set_array_member (info, "output", lk_sim_json_strv (def->outputs));
  json_object_set_array_member (info, "output_is_list", is_list);
  json_object_set_array_member (info, "output_name",
                                lk_sim_json_strv (def->output_names ? def->output_names
                                                                    : def->outputs));
  if (def->v3)
    {
      JsonArray *tooltips = json_array_new ();

      for (guint i = 0; i < n_outputs; i++)
        json_array_add_null_element (tooltips);
      json_object_set_array_member (info, "output_tooltips", tooltips);
    }
  json_object_set_string_member (info, "name", def->name);
  json_object_set_string_member (info, "display_name", def->display_name);
  json_object_set_string_member (info, "description", def->description);
  json_object_set_string_member (info, "python_module", def->python_module);
  json_object_set_string_member (info, "category", def->category);
  json_object_set_boolean_member (info, "output_node", def->output_node);
  if (def->v3)
    {
      json_object_set_boolean_member (info, "deprecated", FALSE);
      json_object_set_boolean_member (info, "experimental", FALSE);
      json_object_set_boolean_member (info, "api_node", FALSE);
    }
  else if (def->output_tooltips)
    json_object_set_array_member (info, "output_tooltips", lk_sim_json_strv (def->output_tooltips));

  return info;
}

/**
 * lk_sim_catalog_object_info:
 * @self: a catalogue
 * @only_class: (nullable): one class, for GET /object_info/{class}
 *
 * Returns: (transfer full): the body of GET /object_info (an empty object for an unknown
 *   class)
 */
JsonNode *
lk_sim_catalog_object_info (LkSimCatalog *self,
                            const char   *only_class)
{
  JsonObject *all = json_object_new ();
  const LkSimNodeDef *defs;
  guint n_defs;

  defs = _lk_sim_catalog_get_defs (&n_defs);
  for (guint i = 0; i < n_defs; i++)
    {
      if (g_hash_table_contains (self->disabled, defs[i].name))
        continue;
      if (only_class && strcmp (only_class, defs[i].name) != 0)
        continue;
      json_object_set_object_member (all, defs[i].name, node_info (self, &defs[i]));
    }

  return lk_sim_json_object_node (all);
}
