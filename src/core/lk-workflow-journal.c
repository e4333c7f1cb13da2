/* lk-workflow-journal.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The edit journal. Every change of a graph goes through _lk_workflow_set_input(),
 * _lk_workflow_add_node() or _lk_workflow_remove_node() between _lk_workflow_begin() and
 * _lk_workflow_commit(); each records what it replaced, so _lk_workflow_rollback() puts the
 * graph and its list of changes back exactly as they were. That is what makes every edit,
 * and a whole recipe, all-or-nothing. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-journal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-workflow-private.h"

void
_lk_undo_entry_clear (gpointer data)
{
  LkUndoEntry *entry = data;

  g_clear_pointer (&entry->node_id, g_free);
  g_clear_pointer (&entry->input, g_free);
  g_clear_pointer (&entry->old, json_node_unref);
}

gboolean
_lk_workflow_require_valid (LkWorkflow  *self,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (self->valid_known && self->valid)
    return TRUE;

  if (!lk_workflow_check (self, &local_error))
    {
      g_prefix_error (&local_error, "%s", _("The template must be repaired before it can be "
                                            "edited. "));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

void
_lk_workflow_begin (LkWorkflow     *self,
                    LkWorkflowMark *mark)
{
  self->edit_depth++;
  mark->undo_len = self->undo->len;
  mark->changes_len = self->changes->len;
}

void
_lk_workflow_commit (LkWorkflow *self)
{
  g_assert (self->edit_depth > 0);

  if (--self->edit_depth == 0)
    g_array_set_size (self->undo, 0);
}

void
_lk_workflow_rollback (LkWorkflow           *self,
                       const LkWorkflowMark *mark)
{
  g_assert (self->edit_depth > 0);
  g_assert (mark->undo_len <= self->undo->len);

  for (guint i = self->undo->len; i > mark->undo_len; i--)
    {
      LkUndoEntry *entry = &g_array_index (self->undo, LkUndoEntry, i - 1);

      if (entry->input == NULL)
        {
          if (entry->old != NULL)
            json_object_set_member (self->graph, entry->node_id, g_steal_pointer (&entry->old));
          else
            json_object_remove_member (self->graph, entry->node_id);
          g_clear_pointer (&self->sorted_ids, g_ptr_array_unref);
        }
      else
        {
          JsonObject *inputs = _lk_workflow_get_inputs (self, entry->node_id);

          g_assert (inputs != NULL);
          if (entry->old != NULL)
            json_object_set_member (inputs, entry->input, g_steal_pointer (&entry->old));
          else
            json_object_remove_member (inputs, entry->input);
        }
    }

  g_array_set_size (self->undo, mark->undo_len);
  g_ptr_array_set_size (self->changes, mark->changes_len);
  _lk_workflow_forget_analysis (self);
  self->edit_depth--;
}

void
_lk_workflow_set_input (LkWorkflow *self,
                        const char *node_id,
                        const char *input,
                        JsonNode   *value)
{
  JsonObject *inputs = _lk_workflow_get_inputs (self, node_id);
  JsonNode *old;
  LkUndoEntry entry;

  g_assert (self->edit_depth > 0);
  g_assert (inputs != NULL);

  old = json_object_get_member (inputs, input);
  entry.node_id = g_strdup (node_id);
  entry.input = g_strdup (input);
  entry.old = old != NULL ? json_node_ref (old) : NULL;
  g_array_append_val (self->undo, entry);

  /* Replacing one literal by another changes nothing the analysis looked at; new inputs and
   * links do. */
  if (old == NULL || !JSON_NODE_HOLDS_VALUE (old) || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (old) != json_node_get_value_type (value))
    _lk_workflow_forget_analysis (self);

  json_object_set_member (inputs, input, value);
}

void
_lk_workflow_add_node (LkWorkflow *self,
                       const char *node_id,
                       JsonObject *node)
{
  LkUndoEntry entry = { g_strdup (node_id), NULL, NULL };

  g_assert (self->edit_depth > 0);
  g_assert (!json_object_has_member (self->graph, node_id));

  g_array_append_val (self->undo, entry);
  json_object_set_object_member (self->graph, node_id, node);
  g_clear_pointer (&self->sorted_ids, g_ptr_array_unref);
  _lk_workflow_forget_analysis (self);
}

void
_lk_workflow_remove_node (LkWorkflow *self,
                          const char *node_id)
{
  LkUndoEntry entry = { g_strdup (node_id), NULL, NULL };

  g_assert (self->edit_depth > 0);
  g_assert (json_object_has_member (self->graph, node_id));

  entry.old = json_node_ref (json_object_get_member (self->graph, node_id));
  g_array_append_val (self->undo, entry);
  json_object_remove_member (self->graph, node_id);
  g_clear_pointer (&self->sorted_ids, g_ptr_array_unref);
  _lk_workflow_forget_analysis (self);
}

void
_lk_workflow_add_change (LkWorkflow *self,
                         const char *format,
                         ...)
{
  va_list args;

  g_assert (self->edit_depth > 0);

  va_start (args, format);
  g_ptr_array_add (self->changes, g_strdup_vprintf (format, args));
  va_end (args);
}
