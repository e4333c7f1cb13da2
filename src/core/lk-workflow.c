/* lk-workflow.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkWorkflow holds one ComfyUI API-format graph: loading, saving, reading, and the list of
 * changes in plain words. The edit journal (lk-workflow-journal.c), node access
 * (lk-workflow-nodes.c), validation, graph analysis and the edits themselves live in the
 * sibling lk-workflow-*.c files.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-file-task.h"
#include "lk-json-parser.h"
#include "lk-json-writer.h"
#include "lk-workflow-private.h"


G_DEFINE_FINAL_TYPE (LkWorkflow, lk_workflow, G_TYPE_OBJECT)

G_DEFINE_QUARK (lk-workflow-error-quark, lk_workflow_error)

static void
lk_workflow_finalize (GObject *object)
{
  LkWorkflow *self = (LkWorkflow *)object;

  g_clear_pointer (&self->graph, json_object_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->sorted_ids, g_ptr_array_unref);
  _lk_workflow_forget_analysis (self);

  G_OBJECT_CLASS (lk_workflow_parent_class)->finalize (object);
}

static void
lk_workflow_class_init (LkWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_workflow_finalize;
}

static void
lk_workflow_init (LkWorkflow *self)
{
  self->changes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->undo = g_array_new (FALSE, FALSE, sizeof (LkUndoEntry));
  g_array_set_clear_func (self->undo, _lk_undo_entry_clear);
}

/* Refuses what is JSON but no API-format graph. */
static gboolean
check_root (JsonNode  *root,
            GError   **error)
{
  JsonObject *graph;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_A_GRAPH,
                           _("The template is not a ComfyUI graph: an API-format graph is a "
                             "JSON object from node ids to nodes"));
      return FALSE;
    }

  graph = json_node_get_object (root);

  if (json_object_has_member (graph, "nodes") && json_object_has_member (graph, "links") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (graph, "nodes")) &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (graph, "links")))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_UI_FORMAT,
                           _("This is a ComfyUI editor workflow, not an API-format graph. "
                             "Open it in ComfyUI and export it with “Save (API Format)” "
                             "(Workflow › Export (API) in newer versions), then import that "
                             "file."));
      return FALSE;
    }

  if (json_object_get_size (graph) == 0)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_A_GRAPH,
                           _("The template has no nodes"));
      return FALSE;
    }

  if (json_object_has_member (graph, "prompt") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (graph, "prompt")) &&
      !json_object_has_member (json_object_get_object_member (graph, "prompt"), "class_type"))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_A_GRAPH,
                           _("This looks like a ComfyUI request or history entry, not a "
                             "template; the graph is the value of its “prompt” member"));
      return FALSE;
    }

  return TRUE;
}

static LkWorkflow *
workflow_new_take_root (JsonNode  *root,
                        GError   **error)
{
  LkWorkflow *self = NULL;

  if (check_root (root, error))
    {
      self = g_object_new (LK_TYPE_WORKFLOW, NULL);
      self->graph = json_object_ref (json_node_get_object (root));
    }

  json_node_unref (root);
  return self;
}

/* The class of node @node_id in a tree that may be anything at all. */
static char *
dup_class_type (JsonNode   *root,
                const char *node_id)
{
  JsonNode *node;
  JsonNode *class_type;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !(node = json_object_get_member (json_node_get_object (root), node_id)) ||
      !JSON_NODE_HOLDS_OBJECT (node) ||
      !(class_type = json_object_get_member (json_node_get_object (node), "class_type")) ||
      !JSON_NODE_HOLDS_VALUE (class_type) || json_node_get_value_type (class_type) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (class_type));
}

/**
 * lk_workflow_new_from_string:
 * @data: (array length=length): the JSON text of an API-format graph, as stored in the catalog,
 *   exported from ComfyUI, or read from the `prompt` chunk of a ComfyUI PNG
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Reads a template. The text must be strict JSON (see lk_json_parse()) of at most
 * %LK_WORKFLOW_MAX_SIZE bytes, and an object of nodes; a ComfyUI editor workflow (with
 * top-level `nodes` and `links` arrays) is refused with %LK_WORKFLOW_ERROR_UI_FORMAT. The graph
 * itself is not validated yet: see lk_workflow_validate().
 *
 * Returns: (transfer full) (nullable): the workflow, or %NULL with @error set
 */
LkWorkflow *
lk_workflow_new_from_string (const char  *data,
                             gssize       length,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) path = NULL;
  JsonNode *root;
  gsize size;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = data == NULL ? 0 : length < 0 ? strlen (data) : (gsize) length;
  root = lk_json_parse (data, size, LK_WORKFLOW_MAX_SIZE, LK_JSON_MAX_DEPTH,
                        LK_JSON_PARSE_DEFAULT, &path, &local_error);
  if (root == NULL)
    {
      g_autofree char *where = NULL;

      if (path != NULL && path[0] != NULL)
        {
          g_autofree char *class_type = NULL;

          /* A number out of range leaves valid JSON: read it loosely to name the node's class. */
          if (g_error_matches (local_error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NUMBER_RANGE))
            {
              g_autoptr(JsonNode) loose = lk_json_parse (data, size, LK_WORKFLOW_MAX_SIZE,
                                                         LK_JSON_MAX_DEPTH,
                                                         LK_JSON_PARSE_LOOSE_NUMBERS,
                                                         NULL, NULL);

              if (loose != NULL)
                class_type = dup_class_type (loose, path[0]);
            }

          if (path[1] != NULL && g_strcmp0 (path[1], "inputs") == 0 && path[2] != NULL)
            where = class_type != NULL
              ? g_strdup_printf (_("node %s (%s), input %s"), path[0], class_type, path[2])
              : g_strdup_printf (_("node %s, input %s"), path[0], path[2]);
          else
            where = class_type != NULL
              ? g_strdup_printf (_("node %s (%s)"), path[0], class_type)
              : g_strdup_printf (_("node %s"), path[0]);
        }

      if (where != NULL)
        g_prefix_error (&local_error, _("The template cannot be read at %s: "), where);
      else
        g_prefix_error (&local_error, "%s", _("The template cannot be read: "));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return workflow_new_take_root (root, error);
}

/**
 * lk_workflow_new_from_node:
 * @root: an API-format graph already read by json-glib (from the catalog's jsonb, say)
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Like lk_workflow_new_from_string(), for a tree read elsewhere. The workflow edits its own
 * deep copy; @root is not changed.
 *
 * Returns: (transfer full) (nullable): the workflow, or %NULL with @error set
 */
LkWorkflow *
lk_workflow_new_from_node (JsonNode  *root,
                           GError   **error)
{
  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (lk_json_node_get_depth (root) > LK_JSON_MAX_DEPTH)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_TOO_DEEP,
                   _("The template cannot be read: arrays and objects are nested more than %u "
                     "levels deep"), LK_JSON_MAX_DEPTH);
      return NULL;
    }

  return workflow_new_take_root (lk_json_node_copy_deep (root), error);
}

/**
 * lk_workflow_new_from_file:
 * @file: a `.json` file holding an API-format graph
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a template from a file, refusing files over %LK_WORKFLOW_MAX_SIZE before reading
 * them. This blocks: from the main loop use lk_workflow_new_from_file_async().
 *
 * Returns: (transfer full) (nullable): the workflow, or %NULL with @error set
 */
LkWorkflow *
lk_workflow_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_size (info) > LK_WORKFLOW_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (LK_WORKFLOW_MAX_SIZE);

      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_TOO_LARGE,
                   _("The template file is %s; Lorakeet reads templates of at most %s"),
                   size, limit);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  return lk_workflow_new_from_string (contents, length, error);
}

/**
 * lk_workflow_new_from_file_async:
 * @file: a `.json` file holding an API-format graph
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file has been read
 * @user_data: data for @callback
 *
 * Reads a template from a file in a worker thread.
 */
void
lk_workflow_new_from_file_async (GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  lk_file_task_run (file, (LkFileReadFunc)lk_workflow_new_from_file, g_object_unref, lk_workflow_new_from_file_async,
                    cancellable, callback, user_data);
}

/**
 * lk_workflow_new_from_file_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the workflow, or %NULL with @error set
 */
LkWorkflow *
lk_workflow_new_from_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return lk_file_task_finish (result, lk_workflow_new_from_file_async, error);
}

/**
 * lk_workflow_copy:
 * @self: a #LkWorkflow
 *
 * Copies the graph and the list of changes, so that a template loaded once can be edited
 * for each job.
 *
 * Returns: (transfer full): an independent copy
 */
LkWorkflow *
lk_workflow_copy (LkWorkflow *self)
{
  g_autoptr(JsonNode) root = NULL;
  LkWorkflow *copy;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);

  root = lk_workflow_dup_root (self);
  copy = g_object_new (LK_TYPE_WORKFLOW, NULL);
  copy->graph = json_object_ref (json_node_get_object (root));
  for (guint i = 0; i < self->changes->len; i++)
    g_ptr_array_add (copy->changes, g_strdup (g_ptr_array_index (self->changes, i)));
  copy->valid_known = self->valid_known;
  copy->valid = self->valid;

  return copy;
}

static void
write_newline (GString *out,
               guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

/**
 * lk_workflow_write:
 * @self: a #LkWorkflow
 * @out: where to append
 * @pretty: whether to indent
 * @indent: the indentation level the graph starts at, to embed it in larger pretty output
 *
 * Appends the graph as JSON: nodes in natural id order (numeric ids by value, then the
 * others), inputs in the order they were loaded, numbers in their shortest exact form. The
 * same graph always gives the same text.
 */
void
lk_workflow_write (LkWorkflow *self,
                   GString    *out,
                   gboolean    pretty,
                   guint       indent)
{
  LkJsonWriteFlags flags = pretty ? LK_JSON_WRITE_PRETTY : LK_JSON_WRITE_COMPACT;
  GPtrArray *ids;

  g_return_if_fail (LK_IS_WORKFLOW (self));
  g_return_if_fail (out != NULL);

  ids = _lk_workflow_sorted_ids (self);
  g_string_append_c (out, '{');
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (pretty)
        write_newline (out, indent + 1);
      lk_json_write_string (out, id);
      g_string_append (out, pretty ? ": " : ":");
      lk_json_write_node (out, json_object_get_member (self->graph, id), flags, indent + 1);
    }
  if (pretty && ids->len > 0)
    write_newline (out, indent);
  g_string_append_c (out, '}');
}

/**
 * lk_workflow_to_string:
 * @self: a #LkWorkflow
 * @pretty: whether to indent
 *
 * Serialises the graph deterministically; see lk_workflow_write().
 *
 * Returns: (transfer full): the JSON text
 */
char *
lk_workflow_to_string (LkWorkflow *self,
                       gboolean    pretty)
{
  GString *out;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);

  out = g_string_new (NULL);
  lk_workflow_write (self, out, pretty, 0);
  return g_string_free (out, FALSE);
}

/**
 * lk_workflow_dup_root:
 * @self: a #LkWorkflow
 *
 * Copies the graph into a new json-glib tree, nodes in natural id order, for embedding in a
 * `POST /prompt` body or a catalog row.
 *
 * Returns: (transfer full): the root object node
 */
JsonNode *
lk_workflow_dup_root (LkWorkflow *self)
{
  JsonObject *object;
  JsonNode *root;
  GPtrArray *ids;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);

  ids = _lk_workflow_sorted_ids (self);
  object = json_object_new ();
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      json_object_set_member (object, id,
                              lk_json_node_copy_deep (json_object_get_member (self->graph, id)));
    }

  root = json_node_alloc ();
  json_node_init_object (root, object);
  json_object_unref (object);
  return root;
}

/**
 * lk_workflow_get_n_nodes:
 * @self: a #LkWorkflow
 *
 * Returns: the number of nodes
 */
guint
lk_workflow_get_n_nodes (LkWorkflow *self)
{
  g_return_val_if_fail (LK_IS_WORKFLOW (self), 0);

  return json_object_get_size (self->graph);
}

/**
 * lk_workflow_dup_node_ids:
 * @self: a #LkWorkflow
 *
 * Returns: (transfer full): the node ids in natural order
 */
char **
lk_workflow_dup_node_ids (LkWorkflow *self)
{
  GPtrArray *ids;
  char **strv;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);

  ids = _lk_workflow_sorted_ids (self);
  strv = g_new0 (char *, ids->len + 1);
  for (guint i = 0; i < ids->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (ids, i));

  return strv;
}

/**
 * lk_workflow_get_class_type:
 * @self: a #LkWorkflow
 * @node_id: a node id
 *
 * Returns: (nullable): the node's class, or %NULL if there is no such node or it has no
 *   string `class_type`
 */
const char *
lk_workflow_get_class_type (LkWorkflow *self,
                            const char *node_id)
{
  JsonObject *node;
  JsonNode *member;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);

  if (!(node = _lk_workflow_get_node (self, node_id)) ||
      !(member = json_object_get_member (node, "class_type")) ||
      !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (member);
}

/**
 * lk_workflow_get_input:
 * @self: a #LkWorkflow
 * @node_id: a node id
 * @input: an input name
 *
 * Returns: (transfer none) (nullable): the input's value (a literal, or a link
 *   `["node_id", slot]`), or %NULL if the node or the input does not exist
 */
JsonNode *
lk_workflow_get_input (LkWorkflow *self,
                       const char *node_id,
                       const char *input)
{
  JsonObject *inputs;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!(inputs = _lk_workflow_get_inputs (self, node_id)))
    return NULL;

  return json_object_get_member (inputs, input);
}

/**
 * lk_workflow_get_changes:
 * @self: a #LkWorkflow
 *
 * The edits made so far, in order, in plain words ("LoraLoader #10: lora_name
 * placeholder.safetensors → mei_working_v1.safetensors, strength 1.0 → 0.8"), to keep with
 * the job. Edits that failed left nothing here.
 *
 * Returns: (transfer none) (array zero-terminated=1): the changes
 */
const char * const *
lk_workflow_get_changes (LkWorkflow *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);

  /* A null-terminated GPtrArray has no storage at all until something is added. */
  if (self->changes->pdata == NULL)
    return none;

  return (const char * const *) self->changes->pdata;
}

/**
 * lk_workflow_clear_changes:
 * @self: a #LkWorkflow
 *
 * Forgets the list of changes, for instance after storing an edited template as a new one.
 */
void
lk_workflow_clear_changes (LkWorkflow *self)
{
  g_return_if_fail (LK_IS_WORKFLOW (self));
  g_return_if_fail (self->edit_depth == 0);

  g_ptr_array_set_size (self->changes, 0);
}
