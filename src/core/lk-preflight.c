/* lk-preflight.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preflight: the studio's troubleshooting steps, run before a job is submitted. Against the
 * server's /object_info it checks that every node class is installed, that every model file
 * and choice is one the server has, that required inputs are present and that links join
 * matching types. Without a server it still checks the graph and the base-model gate: a LoRA
 * made for another base model than the checkpoint's would make ComfyUI log "lora key not
 * loaded" and draw the wrong character without any error.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-preflight"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-base-model.h"
#include "lk-json-writer.h"
#include "lk-node-classes.h"
#include "lk-preflight.h"
#include "lk-workflow-private.h"

/* How many choices to suggest when a value is not among the server's. */
#define MAX_SUGGESTIONS 5

struct _LkPreflight
{
  GObject       parent_instance;

  /* Owned */
  LkObjectInfo *object_info;
  char         *server;
  GHashTable   *families;          /* file name with "/" separators → family */
  GHashTable   *families_by_base;  /* base name → family */
};

G_DEFINE_FINAL_TYPE (LkPreflight, lk_preflight, G_TYPE_OBJECT)

typedef struct
{
  LkPreflight *self;
  LkWorkflow  *workflow;
  char       **ids;
  GPtrArray   *checks;
} Run;

static void
lk_preflight_finalize (GObject *object)
{
  LkPreflight *self = (LkPreflight *)object;

  g_clear_object (&self->object_info);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->families, g_hash_table_unref);
  g_clear_pointer (&self->families_by_base, g_hash_table_unref);

  G_OBJECT_CLASS (lk_preflight_parent_class)->finalize (object);
}

static void
lk_preflight_class_init (LkPreflightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_preflight_finalize;
}

static void
lk_preflight_init (LkPreflight *self)
{
  self->families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->families_by_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * lk_preflight_new:
 * @object_info: (nullable): the server's node descriptions, or %NULL to check only what can
 *   be checked without a server
 *
 * Returns: (transfer full): a new preflight
 */
LkPreflight *
lk_preflight_new (LkObjectInfo *object_info)
{
  LkPreflight *self;

  g_return_val_if_fail (!object_info || LK_IS_OBJECT_INFO (object_info), NULL);

  self = g_object_new (LK_TYPE_PREFLIGHT, NULL);
  g_set_object (&self->object_info, object_info);
  return self;
}

/**
 * lk_preflight_set_server:
 * @self: a #LkPreflight
 * @server: (nullable): the server's address, to name it in messages
 */
void
lk_preflight_set_server (LkPreflight *self,
                         const char  *server)
{
  g_return_if_fail (LK_IS_PREFLIGHT (self));

  g_free (self->server);
  self->server = g_strdup (server);
}

static char *
normalize_path (const char *file_name)
{
  char *normal = g_strdup (file_name);

  g_strdelimit (normal, "\\", '/');
  return normal;
}

/**
 * lk_preflight_set_base_model:
 * @self: a #LkPreflight
 * @file_name: a checkpoint or LoRA file name, as in the workflow (either separator)
 * @family: (nullable): its base-model family, such as `sd15`, `sdxl` or `flux`; %NULL if
 *   unknown
 *
 * Tells the base-model gate what a model file was made for, as recorded in the catalog or
 * read from the file's metadata. Families are compared by architecture, in any spelling
 * lk_base_model_family_from_string() understands ("sd15", "SD 1.5", "sdxl_base_v1-0"), else
 * ignoring case and punctuation. A checkpoint whose name says its architecture needs no entry;
 * a LoRA or checkpoint of unknown family gets a warning, not an error.
 */
void
lk_preflight_set_base_model (LkPreflight *self,
                             const char  *file_name,
                             const char  *family)
{
  g_autofree char *path = NULL;
  char *base;

  g_return_if_fail (LK_IS_PREFLIGHT (self));
  g_return_if_fail (file_name != NULL);

  path = normalize_path (file_name);
  base = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;

  if (family == NULL || *family == '\0')
    {
      g_hash_table_remove (self->families, path);
      g_hash_table_remove (self->families_by_base, base);
      return;
    }

  g_hash_table_replace (self->families_by_base, g_strdup (base), g_strdup (family));
  g_hash_table_replace (self->families, g_steal_pointer (&path), g_strdup (family));
}

static const char *
lookup_family (LkPreflight *self,
               const char  *file_name)
{
  g_autofree char *path = normalize_path (file_name);
  const char *base = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
  const char *family;

  if ((family = g_hash_table_lookup (self->families, path)) != NULL)
    return family;

  return g_hash_table_lookup (self->families_by_base, base);
}

/* Families given as "SD 1.5", "sdxl_base_v1-0" or "sdxl" compare equal when they name the same
 * architecture. */
static char *
canonical_family (const char *family)
{
  const char *known = lk_base_model_family_from_string (family);
  GString *out;

  if (known != NULL)
    return g_strdup (known);

  out = g_string_new (NULL);
  for (const char *s = family; *s != '\0'; s++)
    if (g_ascii_isalnum (*s))
      g_string_append_c (out, g_ascii_tolower (*s));
  return g_string_free (out, FALSE);
}

static const char *
display_family (const char *family)
{
  g_autofree char *canonical = canonical_family (family);
  const char *name = lk_base_model_family_get_display_name (lk_base_model_family_from_string (canonical));

  return name != NULL ? name : family;
}

static void add_check (Run          *run,
                       const char   *id,
                       LkCheckLevel  level,
                       const char   *node_id,
                       const char   *fix,
                       const char   *format,
                       ...) G_GNUC_PRINTF (6, 7);

static void
add_check (Run          *run,
           const char   *id,
           LkCheckLevel  level,
           const char   *node_id,
           const char   *fix,
           const char   *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (run->checks, lk_check_new (id, level, node_id, message, fix));
}

static const char *
server_name (Run *run)
{
  return run->self->server != NULL ? run->self->server : _("the server");
}

static void
check_graph (Run *run)
{
  g_autoptr(GPtrArray) problems = lk_workflow_validate (run->workflow);

  for (guint i = 0; i < problems->len; i++)
    {
      const LkWorkflowProblem *problem = g_ptr_array_index (problems, i);

      add_check (run, "graph", LK_CHECK_LEVEL_ERROR, problem->node_id,
                 _("Correct the template in ComfyUI, export it again with “Save (API Format)” "
                   "and import it"), "%s", problem->message);
    }

  if (problems->len == 0)
    add_check (run, "graph", LK_CHECK_LEVEL_OK, NULL, NULL,
               _("The graph is complete: %u nodes, every link leads to a node, no loops, and "
                 "an output"), lk_workflow_get_n_nodes (run->workflow));
}

static void
check_node_classes (Run *run)
{
  LkObjectInfo *info = run->self->object_info;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) classes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; run->ids[i] != NULL; i++)
    {
      const char *class_type = lk_workflow_get_class_type (run->workflow, run->ids[i]);
      GPtrArray *nodes;

      if (class_type == NULL)
        continue;
      g_hash_table_add (classes, (gpointer) class_type);
      if (lk_object_info_has_class (info, class_type))
        continue;

      if (!(nodes = g_hash_table_lookup (users, class_type)))
        {
          nodes = g_ptr_array_new ();
          g_hash_table_insert (users, (gpointer) class_type, nodes);
          g_ptr_array_add (missing, (gpointer) class_type);
        }
      g_ptr_array_add (nodes, run->ids[i]);
    }

  for (guint i = 0; i < missing->len; i++)
    {
      const char *class_type = g_ptr_array_index (missing, i);
      GPtrArray *nodes = g_hash_table_lookup (users, class_type);
      g_autofree char *fix = NULL;
      g_autofree char *list = NULL;

      g_ptr_array_add (nodes, NULL);
      list = g_strjoinv (", ", (char **) nodes->pdata);
      fix = g_strdup_printf (_("Install the custom node pack that provides %s (ComfyUI-Manager’s "
                               "“Install Missing Custom Nodes” finds it) and restart ComfyUI"),
                             class_type);
      add_check (run, "node-classes", LK_CHECK_LEVEL_ERROR, g_ptr_array_index (nodes, 0), fix,
                 _("%s does not have the node %s, which the template uses (node %s)"),
                 server_name (run), class_type, list);
    }

  if (missing->len == 0)
    add_check (run, "node-classes", LK_CHECK_LEVEL_OK, NULL, NULL,
               _("%s has all %u node types the template uses"), server_name (run),
               g_hash_table_size (classes));
}

static void
check_required_inputs (Run *run)
{
  LkObjectInfo *info = run->self->object_info;
  guint problems = 0;

  for (guint i = 0; run->ids[i] != NULL; i++)
    {
      const char *class_type = lk_workflow_get_class_type (run->workflow, run->ids[i]);
      g_auto(GStrv) required = NULL;

      if (class_type == NULL || !(required = lk_object_info_dup_required_inputs (info, class_type)))
        continue;

      for (guint r = 0; required[r] != NULL; r++)
        {
          g_autofree char *fix = NULL;

          if (lk_workflow_get_input (run->workflow, run->ids[i], required[r]) != NULL)
            continue;

          fix = g_strdup_printf (_("Give %s a value or a link in the template"), required[r]);
          add_check (run, "required-inputs", LK_CHECK_LEVEL_ERROR, run->ids[i], fix,
                     _("Node %s (%s) lacks its required input %s"), run->ids[i], class_type,
                     required[r]);
          problems++;
        }
    }

  if (problems == 0)
    add_check (run, "required-inputs", LK_CHECK_LEVEL_OK, NULL, NULL, "%s",
               _("Every node has all its required inputs"));
}

static const char *
describe_file_kind (const char *input)
{
  if (strcmp (input, "lora_name") == 0)
    return _("LoRA file");
  if (strcmp (input, "ckpt_name") == 0)
    return _("checkpoint");
  return _("model file");
}

static char *
suggest_choices (const char * const *options)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint i;

  for (i = 0; options[i] != NULL && i < MAX_SUGGESTIONS; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", options[i]);
  if (options[i] != NULL)
    g_string_append (text, ", …");

  return g_strdup_printf (_("Choose one of: %s"), text->str);
}

/* One literal choice-list value; returns FALSE if it is not among the server's choices. */
static gboolean
check_choice (Run        *run,
              const char *node_id,
              const char *class_type,
              const char *input,
              JsonNode   *value)
{
  LkObjectInfo *info = run->self->object_info;
  const char * const *options = lk_object_info_get_options (info, class_type, input);
  const char *folder = lk_node_classes_get_model_folder (class_type, input);
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  const char *spelled;

  if (options == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return TRUE;

  if (json_node_get_value_type (value) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (value));
  else if (!(text = lk_json_format_number (value)))
    text = g_strdup (json_node_get_boolean (value) ? "true" : "false");

  if (g_strv_contains (options, text))
    return TRUE;

  if ((spelled = lk_object_info_find_option (info, class_type, input, text)) != NULL)
    {
      fix = g_strdup_printf (_("Use the server’s spelling %s: ComfyUI compares names exactly"),
                             spelled);
      add_check (run, "model-files", LK_CHECK_LEVEL_ERROR, node_id, fix,
                 _("Node %s (%s), input %s: %s names this file %s, not %s"),
                 node_id, class_type, input, server_name (run), spelled, text);
    }
  else if (folder != NULL)
    {
      fix = g_strdup_printf (_("Copy %s into ComfyUI’s models/%s folder and refresh ComfyUI, or "
                               "choose a file the server has"), text, folder);
      add_check (run, "model-files", LK_CHECK_LEVEL_ERROR, node_id, fix,
                 _("The %s %s is not on %s: it is not in the server’s models/%s folder "
                   "(node %s, %s)"),
                 describe_file_kind (input), text, server_name (run), folder, node_id, class_type);
    }
  else
    {
      fix = suggest_choices (options);
      add_check (run, "model-files", LK_CHECK_LEVEL_ERROR, node_id, fix,
                 _("Node %s (%s), input %s: “%s” is not one of the choices %s offers"),
                 node_id, class_type, input, text, server_name (run));
    }

  return FALSE;
}

static void
check_model_files (Run *run)
{
  guint checked = 0;
  guint problems = 0;

  for (guint i = 0; run->ids[i] != NULL; i++)
    {
      const char *class_type = lk_workflow_get_class_type (run->workflow, run->ids[i]);
      JsonObject *inputs = _lk_workflow_get_inputs (run->workflow, run->ids[i]);
      g_autoptr(GList) names = NULL;

      if (class_type == NULL || inputs == NULL)
        continue;

      names = json_object_get_members (inputs);
      for (const GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (inputs, l->data);

          if (lk_object_info_get_options (run->self->object_info, class_type, l->data) == NULL ||
              !JSON_NODE_HOLDS_VALUE (value))
            continue;
          checked++;
          if (!check_choice (run, run->ids[i], class_type, l->data, value))
            problems++;
        }
    }

  if (problems == 0)
    add_check (run, "model-files", LK_CHECK_LEVEL_OK, NULL, NULL,
               g_dngettext (GETTEXT_PACKAGE, "The %u model file or choice is on %s",
                            "All %u model files and choices are on %s", checked),
               checked, server_name (run));
}

static gboolean
types_match (const char *received,
             const char *expected)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (strcmp (received, expected) == 0 || strcmp (received, "*") == 0 ||
      strcmp (expected, "*") == 0)
    return TRUE;

  /* Types can be unions: "IMAGE,MASK". */
  a = g_strsplit (received, ",", -1);
  b = g_strsplit (expected, ",", -1);
  for (guint i = 0; a[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) b, g_strstrip (a[i])))
      return TRUE;

  return FALSE;
}

static void
check_links (Run *run)
{
  LkObjectInfo *info = run->self->object_info;
  guint problems = 0;

  for (guint i = 0; run->ids[i] != NULL; i++)
    {
      const char *class_type = lk_workflow_get_class_type (run->workflow, run->ids[i]);
      JsonObject *inputs = _lk_workflow_get_inputs (run->workflow, run->ids[i]);
      g_autoptr(GList) names = NULL;

      if (class_type == NULL || inputs == NULL)
        continue;

      names = json_object_get_members (inputs);
      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *input = l->data;
          const char *source;
          const char *source_class;
          const char *received;
          const char *expected;
          gint64 slot;
          guint n_outputs;

          if (!_lk_workflow_parse_link (json_object_get_member (inputs, input), &source, &slot) ||
              !(source_class = lk_workflow_get_class_type (run->workflow, source)) ||
              !lk_object_info_has_class (info, source_class))
            continue;

          n_outputs = lk_object_info_get_n_outputs (info, source_class);
          if (slot >= n_outputs)
            {
              add_check (run, "links", LK_CHECK_LEVEL_ERROR, run->ids[i],
                         _("Reconnect the input in ComfyUI"),
                         _("Node %s (%s), input %s: links to output %d of node %s (%s), which has "
                           "%u outputs"), run->ids[i], class_type, input, (int) slot, source,
                         source_class, n_outputs);
              problems++;
              continue;
            }

          received = lk_object_info_get_output_type (info, source_class, slot);
          expected = lk_object_info_get_input_type (info, class_type, input);
          if (received != NULL && expected != NULL && !types_match (received, expected))
            {
              g_autofree char *fix = g_strdup_printf (_("Connect %s to an output of type %s"),
                                                      input, expected);

              add_check (run, "links", LK_CHECK_LEVEL_ERROR, run->ids[i], fix,
                         _("Node %s (%s), input %s: receives %s from node %s (%s) but needs %s"),
                         run->ids[i], class_type, input, received, source, source_class, expected);
              problems++;
            }
        }
    }

  if (problems == 0)
    add_check (run, "links", LK_CHECK_LEVEL_OK, NULL, NULL, "%s",
               _("Every link joins an output to an input of the same type"));
}

static void
check_outputs (Run *run)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; run->ids[i] != NULL; i++)
    {
      const char *class_type = lk_workflow_get_class_type (run->workflow, run->ids[i]);

      if (class_type != NULL && lk_object_info_is_output_node (run->self->object_info, class_type))
        {
          g_string_append_printf (names, "%s%s #%s", n > 0 ? ", " : "", class_type, run->ids[i]);
          n++;
        }
    }

  if (n == 0)
    add_check (run, "outputs", LK_CHECK_LEVEL_ERROR, NULL,
               _("Add a SaveImage or VHS_VideoCombine node to the template"),
               _("None of the template’s nodes is an output on %s, so it would refuse the job"),
               server_name (run));
  else
    add_check (run, "outputs", LK_CHECK_LEVEL_OK, NULL, NULL,
               g_dngettext (GETTEXT_PACKAGE, "%u output node: %s", "%u output nodes: %s", n),
               n, names->str);
}

static void
check_base_model (Run *run)
{
  g_auto(GStrv) loaders = lk_workflow_find (run->workflow, LK_WORKFLOW_ROLE_LORA_LOADER);

  if (loaders[0] == NULL)
    {
      add_check (run, "base-model", LK_CHECK_LEVEL_OK, NULL, NULL, "%s",
                 _("No LoRA is applied, so there is no base model to match"));
      return;
    }

  for (guint i = 0; loaders[i] != NULL; i++)
    {
      const char *lora = _lk_workflow_input_string (run->workflow, loaders[i], "lora_name");
      g_autofree char *loader = _lk_workflow_trace_model_loader (run->workflow, loaders[i]);
      const LkModelLoaderClass *loader_class = NULL;
      const char *checkpoint = NULL;
      g_autofree char *lora_canonical = NULL;
      g_autofree char *checkpoint_canonical = NULL;
      const char *lora_family;
      const char *checkpoint_family;

      if (lora == NULL)
        continue;
      if (loader != NULL)
        loader_class = lk_node_classes_find_model_loader (lk_workflow_get_class_type (run->workflow, loader));
      if (loader_class != NULL)
        checkpoint = _lk_workflow_input_string (run->workflow, loader, loader_class->name_input);

      if (checkpoint == NULL)
        {
          add_check (run, "base-model", LK_CHECK_LEVEL_WARNING, loaders[i], NULL,
                     _("No checkpoint was found feeding the LoRA %s, so its base model cannot be "
                       "checked"), lora);
          continue;
        }

      lora_family = lookup_family (run->self, lora);
      checkpoint_family = lookup_family (run->self, checkpoint);
      /* Checkpoint names often say their architecture ("sd_xl_base_1.0"); LoRA names do not. */
      if (checkpoint_family == NULL)
        checkpoint_family = lk_base_model_family_from_string (checkpoint);

      if (lora_family == NULL || checkpoint_family == NULL)
        {
          add_check (run, "base-model", LK_CHECK_LEVEL_WARNING, loaders[i],
                     _("Record the base model of both files in the catalog (Lorakeet reads it "
                       "from a LoRA’s metadata)"),
                     _("The base model of %s is unknown, so Lorakeet cannot check that the LoRA "
                       "%s suits the checkpoint %s"),
                     lora_family == NULL ? lora : checkpoint, lora, checkpoint);
        }
      else if (g_strcmp0 ((lora_canonical = canonical_family (lora_family)),
                          (checkpoint_canonical = canonical_family (checkpoint_family))) != 0)
        {
          g_autofree char *fix = g_strdup_printf (_("Use a LoRA trained for %s, or give the "
                                                    "profile a %s checkpoint"),
                                                  display_family (checkpoint_family),
                                                  display_family (lora_family));

          add_check (run, "base-model", LK_CHECK_LEVEL_ERROR, loaders[i], fix,
                     _("The LoRA %s is made for %s but the checkpoint %s is %s: ComfyUI would "
                       "only log “lora key not loaded” and draw the wrong character"),
                     lora, display_family (lora_family), checkpoint,
                     display_family (checkpoint_family));
        }
      else
        {
          add_check (run, "base-model", LK_CHECK_LEVEL_OK, loaders[i], NULL,
                     _("The LoRA %s and the checkpoint %s are both %s"), lora, checkpoint,
                     display_family (checkpoint_family));
        }
    }
}

/**
 * lk_preflight_run:
 * @self: a #LkPreflight
 * @workflow: the workflow about to be submitted
 *
 * Runs every check: the graph itself, then (with a server's node descriptions) node classes,
 * required inputs, model files and choices, link types and output nodes, then the base-model
 * gate. Each check gives an ok, a warning or an error with a message and a suggested fix.
 *
 * Returns: (transfer full): a #GListModel of #LkCheck, in that order
 */
GListModel *
lk_preflight_run (LkPreflight *self,
                  LkWorkflow  *workflow)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) ids = NULL;
  GListStore *store;
  Run run;

  g_return_val_if_fail (LK_IS_PREFLIGHT (self), NULL);
  g_return_val_if_fail (LK_IS_WORKFLOW (workflow), NULL);

  ids = lk_workflow_dup_node_ids (workflow);
  run.self = self;
  run.workflow = workflow;
  run.ids = ids;
  run.checks = checks;

  check_graph (&run);

  if (self->object_info != NULL)
    {
      check_node_classes (&run);
      check_required_inputs (&run);
      check_model_files (&run);
      check_links (&run);
      check_outputs (&run);
    }
  else
    {
      add_check (&run, "server", LK_CHECK_LEVEL_WARNING, NULL,
                 _("Connect to a ComfyUI server to check node types and model files"), "%s",
                 _("Not checked against a ComfyUI server"));
    }

  check_base_model (&run);

  store = g_list_store_new (LK_TYPE_CHECK);
  g_list_store_splice (store, 0, 0, checks->pdata, checks->len);
  return G_LIST_MODEL (store);
}
