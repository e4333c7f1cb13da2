/* lk-workflow-validate.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Validation of a graph without a server: the shape of every node, every link, cycles, and an
 * output node. What needs the server's node list (classes, model files, required inputs) is
 * preflight's job (lk-preflight.c).
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-validate"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-node-classes.h"
#include "lk-workflow-private.h"

/* A broken file can have thousands of problems; nobody reads past the first few dozen. */
#define MAX_PROBLEMS 50

G_DEFINE_BOXED_TYPE (LkWorkflowProblem, lk_workflow_problem,
                     lk_workflow_problem_copy, lk_workflow_problem_free)

/**
 * lk_workflow_problem_copy:
 * @problem: a #LkWorkflowProblem
 *
 * Returns: (transfer full): a copy of @problem
 */
LkWorkflowProblem *
lk_workflow_problem_copy (const LkWorkflowProblem *problem)
{
  LkWorkflowProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new0 (LkWorkflowProblem, 1);
  copy->node_id = g_strdup (problem->node_id);
  copy->class_type = g_strdup (problem->class_type);
  copy->input = g_strdup (problem->input);
  copy->message = g_strdup (problem->message);
  return copy;
}

/**
 * lk_workflow_problem_free:
 * @problem: (nullable): a #LkWorkflowProblem
 *
 * Frees @problem.
 */
void
lk_workflow_problem_free (LkWorkflowProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->node_id);
  g_free (problem->class_type);
  g_free (problem->input);
  g_free (problem->message);
  g_free (problem);
}

typedef struct
{
  LkWorkflow *self;
  GPtrArray  *problems;
  guint       dropped;
} Validation;

static void add_problem (Validation *v,
                         const char *node_id,
                         const char *input,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Validation *v,
             const char *node_id,
             const char *input,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  g_autofree char *label = NULL;
  LkWorkflowProblem *problem;
  va_list args;

  if (v->problems->len >= MAX_PROBLEMS)
    {
      v->dropped++;
      return;
    }

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  problem = g_new0 (LkWorkflowProblem, 1);
  problem->node_id = g_strdup (node_id);
  problem->class_type = node_id ? g_strdup (lk_workflow_get_class_type (v->self, node_id)) : NULL;
  problem->input = g_strdup (input);

  if (node_id == NULL)
    {
      problem->message = g_steal_pointer (&what);
    }
  else
    {
      label = problem->class_type != NULL
        ? g_strdup_printf (_("Node %s (%s)"), node_id, problem->class_type)
        : g_strdup_printf (_("Node %s"), node_id);
      if (input != NULL)
        problem->message = g_strdup_printf (_("%s, input %s: %s"), label, input, what);
      else
        problem->message = g_strdup_printf ("%s: %s", label, what);
    }

  g_ptr_array_add (v->problems, problem);
}

static void
check_link (Validation *v,
            const char *node_id,
            const char *input,
            JsonArray  *link)
{
  JsonNode *id_node;
  JsonNode *slot_node;
  const char *source_id;
  gint64 slot;

  if (json_array_get_length (link) != 2)
    {
      add_problem (v, node_id, input,
                   _("a list of %u values is not a link; ComfyUI reads every list as a link "
                     "[\"node id\", output slot]"), json_array_get_length (link));
      return;
    }

  id_node = json_array_get_element (link, 0);
  slot_node = json_array_get_element (link, 1);

  if (!JSON_NODE_HOLDS_VALUE (id_node) || json_node_get_value_type (id_node) != G_TYPE_STRING)
    {
      if (JSON_NODE_HOLDS_VALUE (id_node) && json_node_get_value_type (id_node) == G_TYPE_INT64)
        add_problem (v, node_id, input,
                     _("the link names node %lld with a number; ComfyUI needs "
                       "node ids as strings, as in [\"%lld\", 0]"),
                     (long long)json_node_get_int (id_node), (long long)json_node_get_int (id_node));
      else
        add_problem (v, node_id, input, "%s",
                     _("a link must start with the id of a node, as a string"));
      return;
    }
  source_id = json_node_get_string (id_node);

  if (!JSON_NODE_HOLDS_VALUE (slot_node) || json_node_get_value_type (slot_node) != G_TYPE_INT64)
    {
      add_problem (v, node_id, input, "%s",
                   _("the output slot of a link must be a whole number"));
      return;
    }

  slot = json_node_get_int (slot_node);
  if (slot < 0 || slot > LK_WORKFLOW_MAX_SLOT)
    {
      add_problem (v, node_id, input,
                   _("links to output slot %lld of node %s, which cannot exist"),
                   (long long)slot, source_id);
      return;
    }

  if (g_strcmp0 (source_id, node_id) == 0)
    {
      add_problem (v, node_id, input, "%s",
                   _("links to its own output; a node cannot feed itself"));
      return;
    }

  if (!json_object_has_member (v->self->graph, source_id))
    add_problem (v, node_id, input, _("links to node %s, which does not exist"), source_id);
}

static void
check_node (Validation *v,
            const char *node_id)
{
  JsonNode *member = json_object_get_member (v->self->graph, node_id);
  JsonObject *node;
  JsonNode *class_node;
  JsonNode *inputs_node;
  JsonObject *inputs;
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (member))
    {
      add_problem (v, node_id, NULL, "%s",
                   _("is not an object with a class_type and inputs"));
      return;
    }
  node = json_node_get_object (member);

  class_node = json_object_get_member (node, "class_type");
  if (class_node == NULL)
    add_problem (v, node_id, NULL, "%s",
                 _("has no class_type, so ComfyUI cannot tell what the node does"));
  else if (!JSON_NODE_HOLDS_VALUE (class_node) ||
           json_node_get_value_type (class_node) != G_TYPE_STRING)
    add_problem (v, node_id, NULL, "%s", _("its class_type must be a string"));
  else if (*json_node_get_string (class_node) == '\0')
    add_problem (v, node_id, NULL, "%s", _("its class_type is empty"));

  inputs_node = json_object_get_member (node, "inputs");
  if (inputs_node == NULL)
    {
      add_problem (v, node_id, NULL, "%s", _("has no inputs object"));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (inputs_node))
    {
      add_problem (v, node_id, NULL, "%s", _("its inputs must be an object"));
      return;
    }

  inputs = json_node_get_object (inputs_node);
  names = json_object_get_members (inputs);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *input = l->data;
      JsonNode *value = json_object_get_member (inputs, input);

      if (JSON_NODE_HOLDS_ARRAY (value))
        check_link (v, node_id, input, json_node_get_array (value));
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_DOUBLE &&
               !isfinite (json_node_get_double (value)))
        add_problem (v, node_id, input, "%s", _("is not a finite number"));
    }
}

/* Cycle search ------------------------------------------------------------------------------ */

typedef struct
{
  guint       source;
  const char *input;
} Edge;

/* The links between existing nodes, as flat arrays: node i's incoming links are
 * edges[first_edge[i] .. first_edge[i + 1]), the nodes it feeds are
 * dependents[first_dependent[i] .. first_dependent[i + 1]). */
typedef struct
{
  GPtrArray *ids;
  GArray    *edges;
  guint     *first_edge;
  guint     *dependents;
  guint     *first_dependent;
  guint     *pending;         /* links from nodes not yet ordered */
  gboolean  *done;
} Graph;

static void
graph_clear (Graph *graph)
{
  g_clear_pointer (&graph->edges, g_array_unref);
  g_clear_pointer (&graph->first_edge, g_free);
  g_clear_pointer (&graph->dependents, g_free);
  g_clear_pointer (&graph->first_dependent, g_free);
  g_clear_pointer (&graph->pending, g_free);
  g_clear_pointer (&graph->done, g_free);
}

static void
graph_build (Graph      *graph,
             LkWorkflow *self)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *fill = NULL;
  guint n;

  graph->ids = _lk_workflow_sorted_ids (self);
  n = graph->ids->len;
  graph->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  graph->first_edge = g_new0 (guint, n + 1);
  graph->first_dependent = g_new0 (guint, n + 1);
  graph->pending = g_new0 (guint, n);
  graph->done = g_new0 (gboolean, n);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index, g_ptr_array_index (graph->ids, i), GUINT_TO_POINTER (i));

  for (guint i = 0; i < n; i++)
    {
      const char *node_id = g_ptr_array_index (graph->ids, i);
      JsonObject *inputs = _lk_workflow_get_inputs (self, node_id);
      g_autoptr(GList) names = inputs ? json_object_get_members (inputs) : NULL;

      graph->first_edge[i] = graph->edges->len;
      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *source_id;
          gpointer source_index;
          Edge edge;

          if (!_lk_workflow_parse_link (json_object_get_member (inputs, l->data), &source_id, NULL) ||
              strcmp (source_id, node_id) == 0 ||
              !g_hash_table_lookup_extended (index, source_id, NULL, &source_index))
            continue;

          edge.source = GPOINTER_TO_UINT (source_index);
          edge.input = l->data;
          g_array_append_val (graph->edges, edge);
          graph->first_dependent[edge.source + 1]++;
        }
      graph->pending[i] = graph->edges->len - graph->first_edge[i];
    }
  graph->first_edge[n] = graph->edges->len;

  for (guint i = 0; i < n; i++)
    graph->first_dependent[i + 1] += graph->first_dependent[i];

  graph->dependents = g_new (guint, graph->edges->len + 1);
  fill = g_memdup2 (graph->first_dependent, sizeof (guint) * (n + 1));
  for (guint i = 0; i < n; i++)
    for (guint e = graph->first_edge[i]; e < graph->first_edge[i + 1]; e++)
      graph->dependents[fill[g_array_index (graph->edges, Edge, e).source]++] = i;
}

static void
mark_done (Graph *graph,
           guint  start)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_val (stack, start);
  while (stack->len > 0)
    {
      guint node = g_array_index (stack, guint, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      if (graph->done[node])
        continue;
      graph->done[node] = TRUE;

      for (guint d = graph->first_dependent[node]; d < graph->first_dependent[node + 1]; d++)
        {
          guint dependent = graph->dependents[d];

          if (!graph->done[dependent] && graph->pending[dependent] > 0 &&
              --graph->pending[dependent] == 0)
            g_array_append_val (stack, dependent);
        }
    }
}

/* Walks back from @start along links to unordered nodes until a node repeats, and reports the
 * loop found. Returns the nodes of the loop so the caller can set them aside.
 */
static GArray *
report_cycle (Validation *v,
              Graph      *graph,
              guint       start)
{
  g_autoptr(GArray) walk = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GHashTable) position = g_hash_table_new (NULL, NULL);
  GArray *cycle = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *input = NULL;
  guint current = start;
  guint lowest = 0;
  guint first;
  guint head;
  guint feeder;

  while (!g_hash_table_contains (position, GUINT_TO_POINTER (current)))
    {
      guint next = current;

      g_hash_table_insert (position, GUINT_TO_POINTER (current), GUINT_TO_POINTER (walk->len));
      g_array_append_val (walk, current);

      for (guint e = graph->first_edge[current]; e < graph->first_edge[current + 1]; e++)
        {
          guint source = g_array_index (graph->edges, Edge, e).source;

          if (!graph->done[source])
            {
              next = source;
              break;
            }
        }
      g_assert (next != current);
      current = next;
    }

  /* The walk went against the links; the loop reads the other way round. */
  first = GPOINTER_TO_UINT (g_hash_table_lookup (position, GUINT_TO_POINTER (current)));
  for (guint i = walk->len; i > first; i--)
    g_array_append_val (cycle, g_array_index (walk, guint, i - 1));

  /* Start the loop at its first node in id order, whichever node the walk began with. */
  for (guint i = 1; i < cycle->len; i++)
    if (g_array_index (cycle, guint, i) < g_array_index (cycle, guint, lowest))
      lowest = i;
  for (guint i = 0; i < lowest; i++)
    {
      guint moved = g_array_index (cycle, guint, 0);

      g_array_remove_index (cycle, 0);
      g_array_append_val (cycle, moved);
    }

  for (guint i = 0; i <= cycle->len; i++)
    {
      const char *node_id = g_ptr_array_index (graph->ids, g_array_index (cycle, guint, i % cycle->len));
      const char *class_type = lk_workflow_get_class_type (v->self, node_id);

      if (i > 0)
        g_string_append (path, " → ");
      g_string_append_printf (path, "%s (%s)", node_id, class_type ? class_type : "?");
    }

  head = g_array_index (cycle, guint, 0);
  feeder = g_array_index (cycle, guint, cycle->len - 1);
  for (guint e = graph->first_edge[head]; e < graph->first_edge[head + 1] && input == NULL; e++)
    if (g_array_index (graph->edges, Edge, e).source == feeder)
      input = g_array_index (graph->edges, Edge, e).input;

  add_problem (v, g_ptr_array_index (graph->ids, head), input,
               _("is part of a loop: %s; ComfyUI cannot run a graph whose links go in a circle"),
               path->str);

  return cycle;
}

static void
check_cycles (Validation *v)
{
  Graph graph = { NULL, };

  graph_build (&graph, v->self);

  for (guint i = 0; i < graph.ids->len; i++)
    if (graph.pending[i] == 0)
      mark_done (&graph, i);

  for (guint i = 0; i < graph.ids->len && v->problems->len < MAX_PROBLEMS; i++)
    {
      g_autoptr(GArray) cycle = NULL;

      if (graph.done[i])
        continue;

      /* Set the loop aside and carry on: whatever only depended on it is not another loop. */
      cycle = report_cycle (v, &graph, i);
      for (guint c = 0; c < cycle->len; c++)
        graph.pending[g_array_index (cycle, guint, c)] = 0;
      for (guint c = 0; c < cycle->len; c++)
        mark_done (&graph, g_array_index (cycle, guint, c));
    }

  graph_clear (&graph);
}

/**
 * lk_workflow_validate:
 * @self: a #LkWorkflow
 *
 * Checks the graph as ComfyUI would before running it, without a server: every node is an
 * object with a string `class_type` and an `inputs` object; every list input is a link
 * `["node id", slot]` to another node that exists; no links go round in a circle; and at least
 * one node is an output. Each problem names the node id, class and input.
 *
 * Returns: (transfer full) (element-type LkWorkflowProblem): the problems found, empty if the
 *   graph is valid
 */
GPtrArray *
lk_workflow_validate (LkWorkflow *self)
{
  Validation v = { self, NULL, 0 };
  GPtrArray *ids;
  gboolean has_output = FALSE;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);

  v.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_workflow_problem_free);
  ids = _lk_workflow_sorted_ids (self);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *node_id = g_ptr_array_index (ids, i);
      const char *class_type;

      check_node (&v, node_id);
      class_type = lk_workflow_get_class_type (self, node_id);
      if (class_type != NULL && lk_node_classes_get_output_kind (class_type) != LK_OUTPUT_KIND_NONE)
        has_output = TRUE;
    }

  check_cycles (&v);

  if (!has_output)
    add_problem (&v, NULL, NULL, "%s",
                 _("The template has no output node such as SaveImage or VHS_VideoCombine, so "
                   "ComfyUI would refuse it (“prompt has no outputs”)"));

  if (v.dropped > 0)
    {
      LkWorkflowProblem *more = g_new0 (LkWorkflowProblem, 1);

      more->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "… and %u more problem",
                                                    "… and %u more problems", v.dropped),
                                       v.dropped);
      g_ptr_array_add (v.problems, more);
    }

  self->valid_known = TRUE;
  self->valid = v.problems->len == 0;

  return v.problems;
}

/**
 * lk_workflow_check:
 * @self: a #LkWorkflow
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Validates the graph (see lk_workflow_validate()) and reports the first problem as an error
 * with the code %LK_WORKFLOW_ERROR_INVALID_GRAPH.
 *
 * Returns: %TRUE if the graph is valid
 */
gboolean
lk_workflow_check (LkWorkflow  *self,
                   GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  const LkWorkflowProblem *first;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);

  if (self->valid_known && self->valid)
    return TRUE;

  problems = lk_workflow_validate (self);
  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  if (problems->len == 1)
    g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_GRAPH,
                 _("The template has a problem: %s."), first->message);
  else
    g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_GRAPH,
                 g_dngettext (GETTEXT_PACKAGE, "The template has %u problem; the first: %s.",
                              "The template has %u problems; the first: %s.", problems->len),
                 problems->len, first->message);

  return FALSE;
}
