/* lk-workflow-nodes.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Package-internal access to a workflow's nodes: natural id order, inputs and links, labels
 * and short descriptions of values for messages and the list of changes. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-nodes"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-json-writer.h"
#include "lk-workflow-private.h"

static gboolean
is_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* Compares two runs of digits by value, whatever their length. */
static int
compare_digit_runs (const char *a,
                    gsize       a_len,
                    const char *b,
                    gsize       b_len)
{
  while (a_len > 1 && *a == '0')
    {
      a++;
      a_len--;
    }
  while (b_len > 1 && *b == '0')
    {
      b++;
      b_len--;
    }
  if (a_len != b_len)
    return a_len < b_len ? -1 : 1;
  return memcmp (a, b, a_len);
}

int
_lk_workflow_compare_ids (const char *a,
                          const char *b)
{
  gboolean a_numeric = is_all_digits (a);
  gboolean b_numeric = is_all_digits (b);
  const char *p = a;
  const char *q = b;
  int result;

  if (a_numeric != b_numeric)
    return a_numeric ? -1 : 1;

  /* Natural order: runs of digits compare by value ("57:3" before "57:12"). */
  while (*p != '\0' && *q != '\0')
    {
      if (g_ascii_isdigit (*p) && g_ascii_isdigit (*q))
        {
          const char *p_end = p;
          const char *q_end = q;

          while (g_ascii_isdigit (*p_end))
            p_end++;
          while (g_ascii_isdigit (*q_end))
            q_end++;
          if ((result = compare_digit_runs (p, p_end - p, q, q_end - q)) != 0)
            return result;
          p = p_end;
          q = q_end;
          continue;
        }
      if (*p != *q)
        return (guchar) *p < (guchar) *q ? -1 : 1;
      p++;
      q++;
    }
  if (*p != *q)
    return *p == '\0' ? -1 : 1;

  return strcmp (a, b);
}

static int
compare_id_pointers (gconstpointer a,
                     gconstpointer b)
{
  return _lk_workflow_compare_ids (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
_lk_workflow_sorted_ids (LkWorkflow *self)
{
  if (self->sorted_ids == NULL)
    {
      g_autoptr(GList) members = json_object_get_members (self->graph);

      self->sorted_ids = g_ptr_array_new_full (json_object_get_size (self->graph), g_free);
      for (const GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (self->sorted_ids, g_strdup (l->data));
      g_ptr_array_sort (self->sorted_ids, compare_id_pointers);
    }

  return self->sorted_ids;
}

JsonObject *
_lk_workflow_get_node (LkWorkflow *self,
                       const char *node_id)
{
  JsonNode *member = json_object_get_member (self->graph, node_id);

  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return NULL;

  return json_node_get_object (member);
}

JsonObject *
_lk_workflow_get_inputs (LkWorkflow *self,
                         const char *node_id)
{
  JsonObject *node = _lk_workflow_get_node (self, node_id);
  JsonNode *inputs;

  if (node == NULL || !(inputs = json_object_get_member (node, "inputs")) ||
      !JSON_NODE_HOLDS_OBJECT (inputs))
    return NULL;

  return json_node_get_object (inputs);
}

gboolean
_lk_workflow_parse_link (JsonNode    *value,
                         const char **source_id,
                         gint64      *slot)
{
  JsonArray *array;
  JsonNode *id_node;
  JsonNode *slot_node;

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;

  array = json_node_get_array (value);
  if (json_array_get_length (array) != 2)
    return FALSE;

  id_node = json_array_get_element (array, 0);
  slot_node = json_array_get_element (array, 1);
  if (!JSON_NODE_HOLDS_VALUE (id_node) || json_node_get_value_type (id_node) != G_TYPE_STRING ||
      !JSON_NODE_HOLDS_VALUE (slot_node) || json_node_get_value_type (slot_node) != G_TYPE_INT64 ||
      json_node_get_int (slot_node) < 0 || json_node_get_int (slot_node) > LK_WORKFLOW_MAX_SLOT)
    return FALSE;

  if (source_id != NULL)
    *source_id = json_node_get_string (id_node);
  if (slot != NULL)
    *slot = json_node_get_int (slot_node);
  return TRUE;
}

gboolean
_lk_workflow_input_link (LkWorkflow  *self,
                         const char  *node_id,
                         const char  *input,
                         const char **source_id,
                         gint64      *slot)
{
  JsonObject *inputs = _lk_workflow_get_inputs (self, node_id);

  if (inputs == NULL)
    return FALSE;

  return _lk_workflow_parse_link (json_object_get_member (inputs, input), source_id, slot);
}

const char *
_lk_workflow_input_string (LkWorkflow *self,
                           const char *node_id,
                           const char *input)
{
  JsonNode *value = lk_workflow_get_input (self, node_id, input);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (value);
}

/* Control characters in ids and names would garble messages and terminals. */
static char *
printable (const char *text,
           gsize       max_chars)
{
  GString *out = g_string_new (NULL);
  const char *s = text;
  gsize n = 0;

  for (; *s != '\0' && n < max_chars; s = g_utf8_next_char (s), n++)
    {
      const char *next = g_utf8_next_char (s);

      if ((guchar) *s < 0x20 || *s == 0x7f)
        g_string_append_c (out, ' ');
      else if ((guchar) *s < 0x80)
        g_string_append_c (out, *s);
      else if (g_unichar_iscntrl (g_utf8_get_char (s)))
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, s, next - s);
    }
  if (*s != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

char *
_lk_workflow_label (LkWorkflow *self,
                    const char *node_id)
{
  const char *class_type = lk_workflow_get_class_type (self, node_id);
  g_autofree char *id = printable (node_id, 40);
  g_autofree char *name = class_type ? printable (class_type, 60) : NULL;

  if (name == NULL)
    return g_strdup_printf (_("node #%s"), id);

  return g_strdup_printf ("%s #%s", name, id);
}

char *
_lk_workflow_describe_value (JsonNode *value)
{
  const char *source_id;
  gint64 slot;

  if (value == NULL)
    return g_strdup (_("(nothing)"));

  if (_lk_workflow_parse_link (value, &source_id, &slot))
    {
      g_autofree char *id = printable (source_id, 40);

      return g_strdup_printf (_("output %d of node #%s"), (int) slot, id);
    }

  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_OBJECT:
      return g_strdup ("{…}");
    case JSON_NODE_ARRAY:
      return g_strdup ("[…]");
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      if (text == NULL || *text == '\0')
        return g_strdup (_("(empty)"));
      return printable (text, 60);
    }
  if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "true" : "false");

  return lk_json_format_number (value);
}

char *
_lk_workflow_new_node_id (LkWorkflow *self)
{
  GPtrArray *ids = _lk_workflow_sorted_ids (self);
  guint64 next = 1;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      guint64 value;

      if (is_all_digits (id) && strlen (id) < 16 &&
          g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT64 - 1, &value, NULL))
        next = MAX (next, value + 1);
    }

  for (;;)
    {
      char *candidate = g_strdup_printf ("%" G_GUINT64_FORMAT, next++);

      if (!json_object_has_member (self->graph, candidate))
        return candidate;
      g_free (candidate);
    }
}

void
_lk_input_ref_free (gpointer data)
{
  LkInputRef *ref = data;

  g_free (ref->node_id);
  g_free (ref->input);
  g_free (ref);
}
