/* lk-comfy-error.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What ComfyUI says when it refuses or fails a job, in plain words.
 *
 * The server's validation errors are precise but written for developers: a missing LoRA is a
 * `value_not_in_list` on input `lora_name` of some node, with the server's list of names in the
 * spec it echoes back, and the top-level `details` is empty. These functions turn that into one
 * sentence per problem ("LoRA file x.safetensors is not on the server (it has: …)") and keep the
 * server's JSON as the technical detail.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-comfy-error.h"
#include "lk-comfy-json.h"

G_DEFINE_QUARK (lk-comfy-error-quark, lk_comfy_error)

#define MAX_SENTENCES 5
#define MAX_NAMES     8

typedef struct
{
  GPtrArray *sentences;
  int        code;
} Problems;

static void
problems_add (Problems   *problems,
              int         code,
              char       *sentence)
{
  for (guint i = 0; i < problems->sentences->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (problems->sentences, i), sentence))
        {
          g_free (sentence);
          return;
        }
    }

  if (problems->sentences->len == 0)
    problems->code = code;
  g_ptr_array_add (problems->sentences, sentence);
}

static GError *
problems_to_error (Problems *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint shown = MIN (problems->sentences->len, MAX_SENTENCES);

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_ptr_array_index (problems->sentences, i));
    }

  if (problems->sentences->len > shown)
    {
      guint more = problems->sentences->len - shown;

      g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "…and %u more problem",
                                           "…and %u more problems", more),
                              more);
    }

  return g_error_new_literal (LK_COMFY_ERROR, problems->code, message->str);
}

static JsonObject *
graph_node (JsonObject *graph,
            const char *node_id)
{
  if (graph == NULL || node_id == NULL)
    return NULL;

  return lk_comfy_json_get_object (graph, node_id);
}

/* "Node 10 (LoraLoader)": the id the template editor shows and the type, which says more to
 * an artist than a number. */
static char *
node_label (JsonObject *graph,
            const char *node_id,
            const char *class_type)
{
  JsonObject *node = graph_node (graph, node_id);

  if (class_type == NULL && node != NULL)
    class_type = lk_comfy_json_get_string (node, "class_type");

  if (node_id == NULL)
    node_id = "?";

  if (class_type != NULL)
    return g_strdup_printf (_("Node %s (%s)"), node_id, class_type);

  return g_strdup_printf (_("Node %s"), node_id);
}

/**
 * lk_comfy_error_list_names:
 * @names: an array of strings
 * @max_names: how many to show before summing up the rest
 *
 * "a.safetensors, b.safetensors" or "a, b, …, and 12 more".
 *
 * Returns: (transfer full): the list for a sentence
 */
char *
lk_comfy_error_list_names (JsonArray *names,
                           guint      max_names)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint len = json_array_get_length (names);
  guint shown = 0;

  for (guint i = 0; i < len && shown < max_names; i++)
    {
      g_autofree char *name = lk_comfy_json_node_dup_id (json_array_get_element (names, i));

      if (name == NULL)
        continue;
      if (shown > 0)
        g_string_append (out, ", ");
      g_string_append (out, name);
      shown++;
    }

  if (len > shown && shown > 0)
    {
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                "and %u more", len - shown),
                              len - shown);
    }

  if (out->len == 0)
    g_string_append (out, _("nothing"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The option list of an `input_config` spec: `[[names…], {opts}]`, `[[names…]]` or
 * `["COMBO", {"options": [names…]}]`. */
static JsonArray *
spec_options (JsonNode *spec)
{
  JsonArray *array;
  JsonNode *first;

  if (spec == NULL || !JSON_NODE_HOLDS_ARRAY (spec))
    return NULL;

  array = json_node_get_array (spec);
  if (json_array_get_length (array) == 0)
    return NULL;

  first = json_array_get_element (array, 0);
  if (JSON_NODE_HOLDS_ARRAY (first))
    return json_node_get_array (first);

  if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING
      && g_str_equal (json_node_get_string (first), "COMBO")
      && json_array_get_length (array) > 1)
    {
      JsonNode *opts = json_array_get_element (array, 1);

      if (JSON_NODE_HOLDS_OBJECT (opts))
        return lk_comfy_json_get_array (json_node_get_object (opts), "options");
    }

  return NULL;
}

/* The server writes "(list of length 37)" instead of the list when it is long. */
static gint64
details_list_length (const char *details)
{
  const char *p;

  if (details == NULL || !(p = strstr (details, "(list of length ")))
    return -1;

  return g_ascii_strtoll (p + strlen ("(list of length "), NULL, 10);
}

static const char *
model_kind (const char *input_name)
{
  if (g_str_equal (input_name, "lora_name"))
    return _("LoRA file");
  if (g_str_equal (input_name, "ckpt_name"))
    return _("Checkpoint");
  if (g_str_equal (input_name, "vae_name"))
    return _("VAE file");
  if (g_str_equal (input_name, "unet_name"))
    return _("Diffusion model");
  if (g_str_has_prefix (input_name, "clip_name"))
    return _("Text encoder");
  if (g_str_equal (input_name, "control_net_name"))
    return _("ControlNet model");
  if (g_str_equal (input_name, "model_name"))
    return _("Model file");

  return NULL;
}

static char *
value_to_text (JsonNode *node)
{
  char *id = lk_comfy_json_node_dup_id (node);

  if (id != NULL)
    return id;
  if (node == NULL)
    return g_strdup ("?");

  return lk_comfy_json_to_string (node, FALSE);
}

static void
describe_not_in_list (Problems   *problems,
                      const char *label,
                      const char *input_name,
                      JsonObject *extra,
                      const char *details)
{
  g_autofree char *received = NULL;
  g_autofree char *have = NULL;
  JsonArray *options;
  const char *kind;
  gint64 count;

  received = value_to_text (extra ? json_object_get_member (extra, "received_value") : NULL);
  options = spec_options (extra ? json_object_get_member (extra, "input_config") : NULL);
  count = details_list_length (details);

  if (options != NULL)
    {
      g_autofree char *names = lk_comfy_error_list_names (options, MAX_NAMES);

      have = g_strdup_printf (_("it has: %s"), names);
    }
  else if (count >= 0)
    have = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "it has %d other",
                                         "it has %d others", (gulong) count),
                            (int) count);
  else
    have = NULL;

  kind = model_kind (input_name);
  if (kind != NULL)
    {
      if (have != NULL)
        problems_add (problems, LK_COMFY_ERROR_MISSING_MODEL,
                      g_strdup_printf (_("%s %s is not on the server (%s)"), kind, received, have));
      else
        problems_add (problems, LK_COMFY_ERROR_MISSING_MODEL,
                      g_strdup_printf (_("%s %s is not on the server"), kind, received));
      return;
    }

  if (have != NULL)
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s: “%s” is not a value the server accepts for %s (%s)"),
                                   label, received, input_name, have));
  else
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s: “%s” is not a value the server accepts for %s"),
                                   label, received, input_name));
}

static void
describe_item (Problems   *problems,
               JsonObject *graph,
               const char *node_id,
               const char *class_type,
               JsonObject *item)
{
  g_autofree char *label = node_label (graph, node_id, class_type);
  g_autofree char *input_from_details = NULL;
  const char *type = lk_comfy_json_get_string (item, "type");
  const char *message = lk_comfy_json_get_string (item, "message");
  const char *details = lk_comfy_json_get_string (item, "details");
  JsonObject *extra = lk_comfy_json_get_object (item, "extra_info");
  const char *input_name = lk_comfy_json_get_string (extra, "input_name");

  if (type == NULL)
    type = "";
  if (message == NULL)
    message = "";
  if (details == NULL)
    details = "";

  if (input_name == NULL)
    {
      /* "lora_name: 'x' not in [...]" and plain "clip" both start with the input's name */
      const char *colon = strchr (details, ':');

      input_from_details = colon ? g_strndup (details, colon - details) : g_strdup (details);
      input_name = input_from_details;
    }

  if (g_str_equal (type, "value_not_in_list"))
    describe_not_in_list (problems, label, input_name, extra, details);
  else if (g_str_equal (type, "required_input_missing"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s is missing its input “%s”"), label, input_name));
  else if (g_str_equal (type, "value_smaller_than_min") || g_str_equal (type, "value_bigger_than_max"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s: %s is out of range (%s)"), label, input_name, message));
  else if (g_str_equal (type, "invalid_input_type"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s: %s has a value of the wrong type (%s)"),
                                   label, input_name, message));
  else if (g_str_equal (type, "bad_linked_input") || g_str_equal (type, "return_type_mismatch"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s: input %s is connected wrongly (%s)"),
                                   label, input_name, message));
  else if (g_str_equal (type, "custom_validation_failed"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s refused its inputs: %s"), label, details));
  else if (g_str_has_prefix (type, "exception_during"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("The server failed while checking %s: %s"),
                                   label, *details ? details : message));
  else if (g_str_equal (type, "dependency_cycle"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("The workflow goes round in a loop: %s"), details));
  else if (*details != '\0')
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s: %s (%s)"), label, message, details));
  else
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("%s: %s"), label, message));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const char *id_a = *(const char * const *) a;
  const char *id_b = *(const char * const *) b;
  gint64 na, nb;
  char *end_a, *end_b;

  /* numeric ids in numeric order, so messages come out the same every time */
  na = g_ascii_strtoll (id_a, &end_a, 10);
  nb = g_ascii_strtoll (id_b, &end_b, 10);
  if (*end_a == '\0' && *end_b == '\0' && na != nb)
    return na < nb ? -1 : 1;

  return strcmp (id_a, id_b);
}

static void
describe_node_errors (Problems   *problems,
                      JsonNode   *node_errors,
                      JsonObject *graph)
{
  g_autoptr(GPtrArray) ids = NULL;
  JsonObject *object;
  GList *members;

  if (node_errors == NULL || !JSON_NODE_HOLDS_OBJECT (node_errors))
    return;

  object = json_node_get_object (node_errors);
  members = json_object_get_members (object);
  ids = g_ptr_array_new ();
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (ids, l->data);
  g_list_free (members);
  g_ptr_array_sort (ids, compare_ids);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *node_id = g_ptr_array_index (ids, i);
      JsonObject *entry = lk_comfy_json_get_object (object, node_id);
      JsonArray *errors = lk_comfy_json_get_array (entry, "errors");
      const char *class_type = lk_comfy_json_get_string (entry, "class_type");
      guint n = errors ? json_array_get_length (errors) : 0;

      for (guint j = 0; j < n; j++)
        {
          JsonNode *item = json_array_get_element (errors, j);

          if (JSON_NODE_HOLDS_OBJECT (item))
            describe_item (problems, graph, node_id, class_type, json_node_get_object (item));
        }
    }
}

static gboolean
has_problems (Problems *problems)
{
  return problems->sentences->len > 0;
}

/**
 * lk_comfy_error_from_node_errors:
 * @node_errors: (nullable): the `node_errors` member of a `POST /prompt` answer
 * @graph: (nullable): the graph that was submitted, to name node types
 * @detail: (out) (optional) (transfer full): the technical detail
 *
 * Describes the per-node problems of a submission: on a 400 answer they are why the workflow
 * was refused, on a 200 answer the outputs the server silently dropped.
 *
 * Returns: (transfer full) (nullable): an error in %LK_COMFY_ERROR, or %NULL when
 *   @node_errors lists no problem
 */
GError *
lk_comfy_error_from_node_errors (JsonNode    *node_errors,
                                 JsonObject  *graph,
                                 char       **detail)
{
  Problems problems = { g_ptr_array_new_with_free_func (g_free), LK_COMFY_ERROR_VALIDATION };
  GError *error = NULL;

  describe_node_errors (&problems, node_errors, graph);
  if (has_problems (&problems))
    {
      error = problems_to_error (&problems);
      if (detail != NULL)
        *detail = lk_comfy_json_to_string (node_errors, TRUE);
    }

  g_ptr_array_unref (problems.sentences);

  return error;
}

/* "Node ID '#12'" → "12" */
static char *
details_node_id (const char *details)
{
  const char *start;
  const char *end;

  if (details == NULL || !(start = strstr (details, "'#")))
    return NULL;

  start += 2;
  if (!(end = strchr (start, '\'')))
    return NULL;

  return g_strndup (start, end - start);
}

/* "Cannot execute because node Foo does not exist." → "Foo" */
static char *
message_node_type (const char *message)
{
  const char *prefix = "because node ";
  const char *start;
  const char *end;

  if (message == NULL || !(start = strstr (message, prefix)))
    return NULL;

  start += strlen (prefix);
  if (!(end = strstr (start, " does not exist")))
    return NULL;

  return g_strndup (start, end - start);
}

static void
describe_missing_node (Problems   *problems,
                       JsonObject *graph,
                       const char *node_id,
                       const char *class_type)
{
  if (class_type == NULL)
    {
      JsonObject *node = graph_node (graph, node_id);

      class_type = lk_comfy_json_get_string (node, "class_type");
    }

  if (class_type != NULL)
    problems_add (problems, LK_COMFY_ERROR_MISSING_NODE,
                  g_strdup_printf (_("Node type %s is not installed on the server"), class_type));
  else
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("Node %s of the workflow has no type; the template is damaged"),
                                   node_id ? node_id : "?"));
}

static void
describe_top_error (Problems   *problems,
                    JsonObject *error,
                    JsonObject *graph)
{
  const char *type = lk_comfy_json_get_string (error, "type");
  const char *message = lk_comfy_json_get_string (error, "message");
  const char *details = lk_comfy_json_get_string (error, "details");
  JsonObject *extra = lk_comfy_json_get_object (error, "extra_info");

  if (type == NULL)
    type = "";

  if (g_str_equal (type, "missing_node_type"))
    {
      g_autofree char *node_id = lk_comfy_json_dup_id (extra, "node_id");

      describe_missing_node (problems, graph, node_id, lk_comfy_json_get_string (extra, "class_type"));
    }
  else if (g_str_equal (type, "invalid_prompt"))
    {
      g_autofree char *node_id = details_node_id (details);
      g_autofree char *class_type = message_node_type (message);

      if (class_type != NULL || (message && strstr (message, "class_type")))
        describe_missing_node (problems, graph, node_id, class_type);
      else
        problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                      g_strdup_printf (_("ComfyUI refused the workflow: %s"),
                                       message ? message : type));
    }
  else if (g_str_equal (type, "prompt_no_outputs"))
    problems_add (problems, LK_COMFY_ERROR_NO_OUTPUTS,
                  g_strdup (_("The workflow has no output node (such as Save Image), so ComfyUI "
                              "would produce nothing")));
  else if (g_str_equal (type, "no_prompt"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup (_("The server received no workflow")));
  else if (g_str_equal (type, "invalid_prompt_id"))
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup (_("The server refused the job id Lorakeet chose")));
  else if (details != NULL && *details != '\0')
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("ComfyUI refused the workflow: %s (%s)"),
                                   message ? message : type, details));
  else
    problems_add (problems, LK_COMFY_ERROR_VALIDATION,
                  g_strdup_printf (_("ComfyUI refused the workflow: %s"),
                                   message ? message : type));
}

/**
 * lk_comfy_error_from_prompt_reply:
 * @http_status: the status of the `POST /prompt` answer (400, 409, 500…)
 * @body: (nullable): its parsed body, if it was JSON
 * @graph: (nullable): the graph that was submitted, to name node types
 * @detail: (out) (optional) (transfer full): the technical detail (the server's JSON)
 *
 * Explains why the server did not queue a workflow, in plain words: "LoRA file
 * x.safetensors is not on the server (it has: a.safetensors, b.safetensors)", "Node type
 * Foo is not installed on the server". Understands the structured answers of current servers,
 * the newest server's `missing_node_type`, and the mid-2024 `{"error": "no prompt"}` shape.
 *
 * Returns: (transfer full): an error in %LK_COMFY_ERROR
 */
GError *
lk_comfy_error_from_prompt_reply (guint        http_status,
                                  JsonNode    *body,
                                  JsonObject  *graph,
                                  char       **detail)
{
  Problems problems = { g_ptr_array_new_with_free_func (g_free), LK_COMFY_ERROR_VALIDATION };
  JsonObject *object = NULL;
  JsonNode *error_node = NULL;
  GError *error;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    {
      object = json_node_get_object (body);
      error_node = json_object_get_member (object, "error");
    }

  if (http_status == 409)
    problems_add (&problems, LK_COMFY_ERROR_DUPLICATE,
                  g_strdup (_("The server already has a job with this id")));

  /* node_errors first: when an upstream node is wrong, they are the only useful part */
  if (object != NULL)
    describe_node_errors (&problems, json_object_get_member (object, "node_errors"), graph);

  if (!has_problems (&problems) && error_node != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (error_node))
        describe_top_error (&problems, json_node_get_object (error_node), graph);
      else if (JSON_NODE_HOLDS_VALUE (error_node)
               && json_node_get_value_type (error_node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (error_node);

          if (g_str_equal (text, "no prompt"))
            problems_add (&problems, LK_COMFY_ERROR_VALIDATION,
                          g_strdup (_("The server received no workflow")));
          else
            problems_add (&problems, LK_COMFY_ERROR_VALIDATION,
                          g_strdup_printf (_("ComfyUI refused the workflow: %s"), text));
        }
    }

  if (!has_problems (&problems))
    {
      g_autoptr(GError) status_error = lk_comfy_error_from_http_status (http_status, "/prompt");

      problems_add (&problems, status_error->code, g_strdup (status_error->message));
    }

  error = problems_to_error (&problems);
  g_ptr_array_unref (problems.sentences);

  if (detail != NULL)
    *detail = body ? lk_comfy_json_to_string (body, TRUE) : NULL;

  return error;
}

/**
 * lk_comfy_error_from_execution:
 * @node_id: (nullable): the node that failed
 * @node_type: (nullable): its class
 * @exception_type: (nullable): the Python exception type (`torch.OutOfMemoryError`…)
 * @exception_message: (nullable): the exception's text
 * @graph: (nullable): the graph that ran, to name node types
 *
 * Explains an `execution_error` in plain words; the traceback stays the caller's detail.
 *
 * Returns: (transfer full): an error in %LK_COMFY_ERROR
 */
GError *
lk_comfy_error_from_execution (const char *node_id,
                               const char *node_type,
                               const char *exception_type,
                               const char *exception_message,
                               JsonObject *graph)
{
  g_autofree char *label = node_label (graph, node_id, node_type);
  g_autofree char *text = NULL;
  const char *newline;

  if (exception_type == NULL)
    exception_type = "";
  if (exception_message == NULL)
    exception_message = "";

  /* The first line says what happened; the rest is usually the traceback's tail. */
  newline = strchr (exception_message, '\n');
  text = newline ? g_strndup (exception_message, newline - exception_message)
                 : g_strdup (exception_message);
  g_strstrip (text);
  if (g_utf8_strlen (text, -1) > 300)
    {
      char *cut = g_utf8_offset_to_pointer (text, 300);

      *cut = '\0';
    }

  if (strstr (exception_type, "OutOfMemory") != NULL
      || strstr (exception_message, "out of memory") != NULL)
    return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_OUT_OF_MEMORY,
                        _("The GPU ran out of memory in %s. Try a smaller size, fewer frames or "
                          "a smaller batch."), label);

  if (g_str_equal (exception_type, "FileNotFoundError"))
    return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_EXECUTION,
                        _("%s needs a file that is missing on the server: %s"), label, text);

  if (g_str_equal (exception_type, "ExecutionBlocked"))
    return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_EXECUTION,
                        _("%s stopped the job: %s"), label, text);

  if (*text == '\0')
    return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_EXECUTION,
                        _("%s failed on the server (%s)"), label,
                        *exception_type ? exception_type : _("no reason given"));

  return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_EXECUTION,
                      _("%s failed on the server: %s"), label, text);
}

/**
 * lk_comfy_error_from_http_status:
 * @http_status: an HTTP status that is not what was expected
 * @what: the route that was asked (`/prompt`, `/history`…)
 *
 * Returns: (transfer full): an error in %LK_COMFY_ERROR
 */
GError *
lk_comfy_error_from_http_status (guint       http_status,
                                 const char *what)
{
  switch (http_status)
    {
    case 401:
    case 403:
      return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_FORBIDDEN,
                          _("The server refused access (HTTP %u). If it is behind a proxy, check "
                            "the access token in the server settings."), http_status);
    case 404:
      return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_HTTP,
                          _("The server does not know %s (HTTP 404). Is this the address of a "
                            "ComfyUI server?"), what);
    case 413:
      return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_HTTP,
                          _("The request is larger than the server accepts (HTTP 413)"));
    case 400:
      return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_VALIDATION,
                          _("The server refused the request without saying why (HTTP 400)"));
    default:
      if (http_status >= 500)
        return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_HTTP,
                            _("The server failed while answering %s (HTTP %u); its log says "
                              "why"), what, http_status);
      return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_HTTP,
                          _("The server answered %s with HTTP %u"), what, http_status);
    }
}

/* Why a certificate is refused, from the most telling reason down. */
static const char *
describe_certificate_flags (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is signed by an unknown certificate authority");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it is made out for another address");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it was revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("its algorithm is insecure");
  return NULL;
}

/**
 * lk_comfy_error_from_tls:
 * @url: the server's base URL
 * @peer_errors: what is wrong with the server's certificate, as the request's message reports
 *   it (`tls-peer-certificate-errors`); 0 when not known
 * @error: the error the connection failed with
 *
 * Words a failed TLS handshake for the artist: an untrusted certificate names the reason and
 * where to add the studio's certificate authority.
 *
 * Returns: (transfer full) (nullable): an %LK_COMFY_ERROR_UNREACHABLE error, or %NULL when
 *   @error is not about TLS
 */
GError *
lk_comfy_error_from_tls (const char           *url,
                         GTlsCertificateFlags  peer_errors,
                         const GError         *error)
{
  const char *reason;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE,
                        _("ComfyUI at %s does not answer HTTPS; try its address with http://"),
                        url);

  if (peer_errors == 0 && !g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return NULL;

  reason = describe_certificate_flags (peer_errors);
  return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE,
                      _("The certificate of ComfyUI at %s is not trusted (%s). Add the "
                        "studio's certificate authority to this computer's trusted "
                        "certificates."),
                      url, reason ? reason : error->message);
}
