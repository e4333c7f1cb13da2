/* lk-sim-validate.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-validate"

#include "config.h"

#include <string.h>

#include "lk-sim-json.h"
#include "lk-sim-validate.h"
#include "lk-sim-values.h"

/*
 * validate_prompt() and validate_inputs() of ComfyUI v0.3.64, with the same error items,
 * the same coercion of widget values in place, and the same quirks: only output nodes and
 * what they reach are checked, a node whose trouble is upstream carries no error itself, and
 * Python exceptions during validation become exception_during_(inner_)validation items.
 */

typedef enum
{
  VERDICT_OK,
  VERDICT_INVALID,
  VERDICT_RAISE,
} Verdict;

typedef struct
{
  gboolean   valid;
  JsonArray *reasons;
} Result;

typedef struct
{
  char *type;
  char *message;
} Raised;

typedef struct
{
  LkSimCatalog    *catalog;
  const LkSimDirs *dirs;
  JsonObject      *prompt;
  GHashTable      *validated;        /* id → Result */
  GPtrArray       *validated_order;  /* ids, in the order Python's dict would keep them */
  GHashTable      *in_progress;
} Context;

static void
result_free (gpointer data)
{
  Result *result = data;

  json_array_unref (result->reasons);
  g_free (result);
}

static void
raised_clear (Raised *raised)
{
  g_clear_pointer (&raised->type, g_free);
  g_clear_pointer (&raised->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Raised, raised_clear)

static Verdict
set_raised (Raised     *raised,
            const char *type,
            char       *message)
{
  raised->type = g_strdup (type);
  raised->message = message;
  return VERDICT_RAISE;
}

static void
set_validated (Context    *ctx,
               const char *id,
               gboolean    valid,
               JsonArray  *reasons)
{
  Result *result = g_new0 (Result, 1);

  result->valid = valid;
  result->reasons = reasons;
  if (!g_hash_table_contains (ctx->validated, id))
    g_ptr_array_add (ctx->validated_order, g_strdup (id));
  g_hash_table_replace (ctx->validated, g_strdup (id), result);
}

/**
 * lk_sim_validation_error:
 * @type: the error type
 * @message: its message
 * @details: its details
 *
 * Returns: (transfer full): an error object with an empty extra_info
 */
JsonObject *
lk_sim_validation_error (const char *type,
                         const char *message,
                         const char *details)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "type", type);
  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (error, "details", details);
  json_object_set_object_member (error, "extra_info", json_object_new ());
  return error;
}

static void
add_error (JsonArray  *errors,
           const char *type,
           const char *message,
           const char *details,
           JsonObject *extra_info)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "type", type);
  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (error, "details", details);
  json_object_set_object_member (error, "extra_info", extra_info);
  json_array_add_object_element (errors, error);
}

static JsonObject *
extra_info (const char *input_name,
            JsonNode   *input_config)
{
  JsonObject *extra = json_object_new ();

  json_object_set_string_member (extra, "input_name", input_name);
  if (input_config)
    json_object_set_member (extra, "input_config", input_config);
  return extra;
}

/* the [type, options] pair reported as input_config */
static JsonNode *
input_config (Context             *ctx,
              const LkSimInputDef *input)
{
  return lk_sim_catalog_input_spec (ctx->catalog, input, TRUE);
}

static char *
python_type_of_input (const LkSimInputDef *input,
                      GPtrArray           *choices)
{
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (input->type != NULL)
    {
      const char *bar = strchr (input->type, '|');

      return bar ? g_strndup (input->type, bar - input->type) : g_strdup (input->type);
    }

  list = json_array_new ();
  for (guint i = 0; choices && i < choices->len; i++)
    json_array_add_string_element (list, g_ptr_array_index (choices, i));
  node = json_node_init_array (json_node_alloc (), list);
  return lk_sim_py_repr (node);
}

static gboolean
image_exists (Context    *ctx,
              JsonNode   *value)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const char *base = NULL;

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return FALSE;

  name = lk_sim_annotated_path (ctx->dirs, json_node_get_string (value), &base);
  if (base == NULL)
    base = ctx->dirs->input;
  path = g_build_filename (base, name, NULL);
  return lk_sim_path_is_within (base, path) && g_file_test (path, G_FILE_TEST_EXISTS);
}

static Verdict validate_inputs (Context *ctx, const char *id, Raised *raised);

/* A linked input: the length check, the type check against the source's RETURN_TYPES and
 * the recursive validation of the source. Returns FALSE when the node becomes invalid. */
static Verdict
validate_link (Context             *ctx,
               const LkSimInputDef *input,
               JsonNode            *value,
               JsonArray           *errors,
               Raised              *raised)
{
  JsonArray *link = json_node_get_array (value);
  JsonNode *source_id, *slot_node;
  JsonObject *source;
  const LkSimNodeDef *source_def;
  g_auto(Raised) inner = { NULL, NULL };
  const char *received;
  gint64 slot;
  guint n_outputs;
  Verdict verdict;

  if (json_array_get_length (link) != 2)
    {
      JsonObject *extra = extra_info (input->name, input_config (ctx, input));

      json_object_set_member (extra, "received_value", json_node_copy (value));
      add_error (errors, "bad_linked_input",
                 "Bad linked input, must be a length-2 list of [node_id, slot_index]",
                 input->name, extra);
      return VERDICT_INVALID;
    }

  source_id = json_array_get_element (link, 0);
  if (JSON_NODE_HOLDS_ARRAY (source_id) || JSON_NODE_HOLDS_OBJECT (source_id))
    return set_raised (raised, "TypeError",
                  g_strdup_printf ("unhashable type: '%s'", lk_sim_py_type_name (source_id)));
  if (json_node_get_value_type (source_id) != G_TYPE_STRING
      || !json_object_has_member (ctx->prompt, json_node_get_string (source_id)))
    return set_raised (raised, "KeyError", lk_sim_py_repr (source_id));

  source = json_object_get_object_member (ctx->prompt, json_node_get_string (source_id));
  source_def = lk_sim_catalog_lookup (ctx->catalog,
                                      json_object_get_string_member (source, "class_type"));
  g_assert (source_def != NULL);

  slot_node = json_array_get_element (link, 1);
  if (!JSON_NODE_HOLDS_VALUE (slot_node)
      || (json_node_get_value_type (slot_node) != G_TYPE_INT64
          && json_node_get_value_type (slot_node) != G_TYPE_BOOLEAN))
    return set_raised (raised, "TypeError",
                  g_strdup_printf ("tuple indices must be integers or slices, not %s",
                                   lk_sim_py_type_name (slot_node)));

  slot = json_node_get_value_type (slot_node) == G_TYPE_BOOLEAN
         ? json_node_get_boolean (slot_node) : json_node_get_int (slot_node);
  n_outputs = lk_sim_catalog_count_outputs (source_def);
  if (slot < 0)
    slot += n_outputs;
  if (slot < 0 || slot >= n_outputs)
    return set_raised (raised, "IndexError", g_strdup ("tuple index out of range"));

  received = source_def->outputs[slot];
  if (!lk_sim_types_compatible (received, input))
    {
      g_autoptr(GPtrArray) choices = lk_sim_catalog_choices (ctx->catalog, input);
      g_autofree char *wanted = python_type_of_input (input, choices);
      g_autofree char *details = g_strdup_printf ("%s, received_type(%s) mismatch input_type(%s)",
                                                  input->name, received, wanted);
      JsonObject *extra = extra_info (input->name, input_config (ctx, input));

      json_object_set_string_member (extra, "received_type", received);
      json_object_set_member (extra, "linked_node", json_node_copy (value));
      add_error (errors, "return_type_mismatch", "Return type mismatch between linked nodes",
                 details, extra);
      return VERDICT_INVALID;
    }

  verdict = validate_inputs (ctx, json_node_get_string (source_id), &inner);
  if (verdict == VERDICT_RAISE)
    {
      JsonArray *reasons = json_array_new ();
      JsonObject *extra = extra_info (input->name, input_config (ctx, input));

      json_object_set_string_member (extra, "exception_message", inner.message);
      json_object_set_string_member (extra, "exception_type", inner.type);
      json_object_set_array_member (extra, "traceback", json_array_new ());
      json_object_set_member (extra, "linked_node", json_node_copy (value));
      add_error (reasons, "exception_during_inner_validation",
                 "Exception when validating inner node", inner.message, extra);
      set_validated (ctx, json_node_get_string (source_id), FALSE, reasons);
      return VERDICT_INVALID;
    }

  return verdict;
}

static gboolean
check_range (Context             *ctx,
             const LkSimInputDef *input,
             JsonNode            *value,
             JsonArray           *errors)
{
  JsonObject *options = lk_sim_catalog_input_options (ctx->catalog, input);
  static const char * const bounds[] = { "min", "max" };
  double v, bound;

  if (options == NULL || !lk_sim_as_number (value, &v))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      JsonNode *limit = json_object_get_member (options, bounds[i]);
      g_autofree char *shown = NULL;
      g_autofree char *shown_limit = NULL;
      g_autofree char *message = NULL;
      JsonObject *extra;

      if (!lk_sim_as_number (limit, &bound) || (i == 0 ? !(v < bound) : !(v > bound)))
        continue;

      shown = lk_sim_py_str (value);
      shown_limit = lk_sim_py_str (limit);
      message = g_strdup_printf (i == 0 ? "Value %s smaller than min of %s"
                                        : "Value %s bigger than max of %s", shown, shown_limit);
      extra = extra_info (input->name, input_config (ctx, input));
      json_object_set_member (extra, "received_value", json_node_copy (value));
      add_error (errors, i == 0 ? "value_smaller_than_min" : "value_bigger_than_max", message,
                 input->name, extra);
      return TRUE;
    }
  return FALSE;
}

static void
check_combo (Context             *ctx,
             const LkSimInputDef *input,
             JsonNode            *value,
             JsonArray           *errors)
{
  g_autoptr(GPtrArray) choices = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *list_info = NULL;
  g_autofree char *details = NULL;
  JsonObject *extra;
  gboolean found = FALSE;

  if (input->shape != LK_SIM_COMBO_LIST_OPTS && input->shape != LK_SIM_COMBO_LIST_ONLY)
    return;

  choices = lk_sim_catalog_choices (ctx->catalog, input);
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    for (guint i = 0; i < choices->len && !found; i++)
      found = strcmp (g_ptr_array_index (choices, i), json_node_get_string (value)) == 0;
  if (found)
    return;

  shown = lk_sim_py_str (value);
  if (choices->len > 20)
    {
      list_info = g_strdup_printf ("(list of length %u)", choices->len);
      extra = extra_info (input->name, lk_sim_json_null ());
    }
  else
    {
      list_info = python_type_of_input (input, choices);
      extra = extra_info (input->name, input_config (ctx, input));
    }
  details = g_strdup_printf ("%s: '%s' not in %s", input->name, shown, list_info);
  json_object_set_member (extra, "received_value", json_node_copy (value));
  add_error (errors, "value_not_in_list", "Value not in list", details, extra);
}

static void
validate_widget (Context             *ctx,
                 const LkSimNodeDef  *def,
                 JsonObject          *inputs,
                 const LkSimInputDef *input,
                 JsonArray           *errors)
{
  JsonNode *value = json_object_get_member (inputs, input->name);
  g_autofree char *message = NULL;
  JsonNode *converted;

  if (JSON_NODE_HOLDS_OBJECT (value)
      && json_object_has_member (json_node_get_object (value), "__value__"))
    {
      json_object_set_member (inputs, input->name,
                              json_node_copy (json_object_get_member (json_node_get_object (value),
                                                                      "__value__")));
      value = json_object_get_member (inputs, input->name);
    }

  converted = lk_sim_coerce (input->type, value, &message);
  if (converted == NULL)
    {
      g_autofree char *shown = lk_sim_py_str (value);
      g_autofree char *title = g_strdup_printf ("Failed to convert an input value to a %s value",
                                                input->type);
      g_autofree char *details = g_strdup_printf ("%s, %s, %s", input->name, shown, message);
      JsonObject *extra = extra_info (input->name, input_config (ctx, input));

      json_object_set_member (extra, "received_value", json_node_copy (value));
      json_object_set_string_member (extra, "exception_message", message);
      add_error (errors, "invalid_input_type", title, details, extra);
      return;
    }
  json_object_set_member (inputs, input->name, converted);

  /* LoadImage.VALIDATE_INPUTS takes "image": no range or list check for it */
  if (def->run == LK_SIM_RUN_LOAD_IMAGE && strcmp (input->name, "image") == 0)
    return;

  if (!check_range (ctx, input, converted, errors))
    check_combo (ctx, input, converted, errors);
}

static Verdict
validate_inputs (Context    *ctx,
                 const char *id,
                 Raised     *raised)
{
  Result *known = g_hash_table_lookup (ctx->validated, id);
  JsonNode *node_node = json_object_get_member (ctx->prompt, id);
  const LkSimNodeDef *def;
  JsonObject *node, *inputs;
  JsonArray *errors;
  gboolean valid = TRUE;
  const LkSimInputDef *lists[2];

  if (known)
    return known->valid ? VERDICT_OK : VERDICT_INVALID;
  if (g_hash_table_contains (ctx->in_progress, id))
    return set_raised (raised, "RecursionError",
                  g_strdup ("maximum recursion depth exceeded while calling a Python object"));

  node = json_node_get_object (node_node);
  if (!json_object_has_member (node, "inputs"))
    return set_raised (raised, "KeyError", g_strdup ("'inputs'"));
  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (node, "inputs")))
    return set_raised (raised, "TypeError", g_strdup ("argument of type 'list' is not iterable"));

  inputs = json_object_get_object_member (node, "inputs");
  def = lk_sim_catalog_lookup (ctx->catalog, json_object_get_string_member (node, "class_type"));
  g_assert (def != NULL);

  g_hash_table_add (ctx->in_progress, g_strdup (id));
  errors = json_array_new ();
  lists[0] = def->required;
  lists[1] = def->optional;

  for (guint l = 0; l < 2; l++)
    for (const LkSimInputDef *input = lists[l]; input && input->name; input++)
      {
        JsonNode *value = json_object_get_member (inputs, input->name);

        if (value == NULL)
          {
            if (l == 0)
              add_error (errors, "required_input_missing", "Required input is missing",
                         input->name, extra_info (input->name, NULL));
            continue;
          }

        if (JSON_NODE_HOLDS_ARRAY (value))
          {
            Verdict verdict = validate_link (ctx, input, value, errors, raised);

            if (verdict == VERDICT_RAISE)
              {
                g_hash_table_remove (ctx->in_progress, id);
                json_array_unref (errors);
                return VERDICT_RAISE;
              }
            if (verdict == VERDICT_INVALID)
              valid = FALSE;
            continue;
          }

        validate_widget (ctx, def, inputs, input, errors);
      }

  if (def->run == LK_SIM_RUN_LOAD_IMAGE && json_object_has_member (inputs, "image")
      && !image_exists (ctx, json_object_get_member (inputs, "image")))
    {
      g_autofree char *shown = lk_sim_py_str (json_object_get_member (inputs, "image"));
      g_autofree char *details = g_strdup_printf ("image - Invalid image file: %s", shown);

      add_error (errors, "custom_validation_failed", "Custom validation failed for node",
                 details, extra_info ("image", NULL));
    }

  g_hash_table_remove (ctx->in_progress, id);
  valid = valid && json_array_get_length (errors) == 0;
  set_validated (ctx, id, valid, errors);
  return valid ? VERDICT_OK : VERDICT_INVALID;
}

static void
collect_reachable (JsonObject *prompt,
                   const char *id,
                   GHashTable *seen)
{
  JsonNode *node = json_object_get_member (prompt, id);
  JsonNode *inputs_node;
  JsonObject *inputs;
  GList *names;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || !g_hash_table_add (seen, g_strdup (id)))
    return;

  inputs_node = json_object_get_member (json_node_get_object (node), "inputs");
  if (inputs_node == NULL || !JSON_NODE_HOLDS_OBJECT (inputs_node))
    return;
  inputs = json_node_get_object (inputs_node);

  names = json_object_get_members (inputs);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (inputs, l->data);
      JsonArray *link;
      JsonNode *target;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        continue;
      link = json_node_get_array (value);
      if (json_array_get_length (link) != 2)
        continue;
      target = json_array_get_element (link, 0);
      if (JSON_NODE_HOLDS_VALUE (target) && json_node_get_value_type (target) == G_TYPE_STRING)
        collect_reachable (prompt, json_node_get_string (target), seen);
    }
  g_list_free (names);
}

static void
record_failure (Context    *ctx,
                const char *output,
                JsonObject *node_errors)
{
  g_autoptr(GHashTable) reachable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_reachable (ctx->prompt, output, reachable);
  for (guint i = 0; i < ctx->validated_order->len; i++)
    {
      const char *id = g_ptr_array_index (ctx->validated_order, i);
      Result *result = g_hash_table_lookup (ctx->validated, id);
      JsonObject *entry;

      if (result->valid || json_array_get_length (result->reasons) == 0
          || !g_hash_table_contains (reachable, id))
        continue;

      entry = json_object_has_member (node_errors, id)
              ? json_object_get_object_member (node_errors, id) : NULL;
      if (entry == NULL)
        {
          JsonObject *node = json_object_get_object_member (ctx->prompt, id);

          entry = json_object_new ();
          json_object_set_array_member (entry, "errors", json_array_ref (result->reasons));
          json_object_set_array_member (entry, "dependent_outputs", json_array_new ());
          json_object_set_string_member (entry, "class_type",
                                         json_object_get_string_member (node, "class_type"));
          json_object_set_object_member (node_errors, id, entry);
        }
      json_array_add_string_element (json_object_get_array_member (entry, "dependent_outputs"),
                                     output);
    }
}

static gboolean
in_targets (JsonNode   *targets,
            const char *id)
{
  JsonArray *list;

  if (targets == NULL || JSON_NODE_HOLDS_NULL (targets))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (targets))
    return FALSE;

  list = json_node_get_array (targets);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
          && strcmp (json_node_get_string (element), id) == 0)
        return TRUE;
    }
  return FALSE;
}

static LkSimValidation *
fail (LkSimValidation *validation,
      JsonObject      *error)
{
  validation->ok = FALSE;
  validation->error = error;
  return validation;
}

/**
 * lk_sim_validate_prompt:
 * @catalog: the node catalogue
 * @dirs: the server's directories (LoadImage checks its file)
 * @prompt: the API-format graph; widget values are coerced in place
 * @partial_targets: (nullable): `partial_execution_targets`, a list of output ids
 *
 * Returns: (transfer full): the verdict
 */
LkSimValidation *
lk_sim_validate_prompt (LkSimCatalog    *catalog,
                        const LkSimDirs *dirs,
                        JsonObject      *prompt,
                        JsonNode        *partial_targets)
{
  LkSimValidation *validation = g_new0 (LkSimValidation, 1);
  g_autoptr(GPtrArray) outputs = g_ptr_array_new ();
  g_autoptr(GString) details = g_string_new (NULL);
  Context ctx = { catalog, dirs, prompt };
  GList *ids = json_object_get_members (prompt);

  validation->good_outputs = g_ptr_array_new_with_free_func (g_free);
  validation->node_errors = json_object_new ();

  for (GList *l = ids; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (prompt, l->data);
      JsonNode *class_type;
      const LkSimNodeDef *def = NULL;
      g_autofree char *details_text = g_strdup_printf ("Node ID '#%s'", (char *)l->data);

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !(class_type = json_object_get_member (json_node_get_object (node), "class_type")))
        {
          g_list_free (ids);
          return fail (validation, lk_sim_validation_error ("invalid_prompt",
                       "Cannot execute because a node is missing the class_type property.",
                       details_text));
        }

      if (JSON_NODE_HOLDS_VALUE (class_type)
          && json_node_get_value_type (class_type) == G_TYPE_STRING)
        def = lk_sim_catalog_lookup (catalog, json_node_get_string (class_type));
      if (def == NULL)
        {
          g_autofree char *name = lk_sim_py_str (class_type);
          g_autofree char *message = NULL;

          message = g_strdup_printf ("Cannot execute because node %s does not exist.", name);

          g_list_free (ids);
          return fail (validation,
                       lk_sim_validation_error ("invalid_prompt", message, details_text));
        }

      if (def->output_node && in_targets (partial_targets, l->data))
        g_ptr_array_add (outputs, l->data);
    }

  if (outputs->len == 0)
    {
      g_list_free (ids);
      return fail (validation,
                   lk_sim_validation_error ("prompt_no_outputs", "Prompt has no outputs", ""));
    }

  ctx.validated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, result_free);
  ctx.validated_order = g_ptr_array_new_with_free_func (g_free);
  ctx.in_progress = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < outputs->len; i++)
    {
      const char *output = g_ptr_array_index (outputs, i);
      g_auto(Raised) raised = { NULL, NULL };
      Verdict verdict = validate_inputs (&ctx, output, &raised);
      Result *result;

      if (verdict == VERDICT_RAISE)
        {
          JsonArray *reasons = json_array_new ();
          JsonObject *extra = json_object_new ();

          json_object_set_string_member (extra, "exception_type", raised.type);
          json_object_set_array_member (extra, "traceback", json_array_new ());
          add_error (reasons, "exception_during_validation", "Exception when validating node",
                     raised.message, extra);
          set_validated (&ctx, output, FALSE, reasons);
        }

      result = g_hash_table_lookup (ctx.validated, output);
      if (result->valid)
        {
          g_ptr_array_add (validation->good_outputs, g_strdup (output));
          continue;
        }

      for (guint e = 0; e < json_array_get_length (result->reasons); e++)
        {
          JsonObject *item = json_array_get_object_element (result->reasons, e);

          if (details->len > 0)
            g_string_append_c (details, '\n');
          g_string_append_printf (details, "%s: %s",
                                  json_object_get_string_member (item, "message"),
                                  json_object_get_string_member (item, "details"));
        }
      record_failure (&ctx, output, validation->node_errors);
    }

  g_hash_table_unref (ctx.validated);
  g_ptr_array_unref (ctx.validated_order);
  g_hash_table_unref (ctx.in_progress);
  g_list_free (ids);

  if (validation->good_outputs->len == 0)
    return fail (validation, lk_sim_validation_error ("prompt_outputs_failed_validation",
                                                      "Prompt outputs failed validation",
                                                      details->str));
  validation->ok = TRUE;
  return validation;
}

void
lk_sim_validation_free (LkSimValidation *validation)
{
  if (validation == NULL)
    return;

  g_clear_pointer (&validation->error, json_object_unref);
  g_clear_pointer (&validation->good_outputs, g_ptr_array_unref);
  g_clear_pointer (&validation->node_errors, json_object_unref);
  g_free (validation);
}
