/* lk-json-writer.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Deterministic JSON output for workflows and reports. JsonGenerator prints doubles with 17
 * significant digits (a strength of 0.8 becomes 0.80000000000000004) and would write a
 * non-finite double as invalid JSON; here every double is written in the shortest form that
 * reads back to the same value, object members in the order they were added, and the same tree
 * always gives the same bytes.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-json-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-json-writer.h"

static void
write_indent (GString *out,
              guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

/**
 * lk_json_write_string:
 * @out: where to append
 * @str: a UTF-8 string
 *
 * Appends @str as a quoted JSON string, escaping quotes, backslashes and control characters.
 */
void
lk_json_write_string (GString    *out,
                      const char *str)
{
  const char *run = str;
  const char *s;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL);

  g_string_append_c (out, '"');
  for (s = str; *s != '\0'; s++)
    {
      guchar ch = (guchar) *s;

      if (ch >= 0x20 && ch != '"' && ch != '\\')
        continue;

      g_string_append_len (out, run, s - run);
      run = s + 1;
      switch (ch)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", ch); break;
        }
    }
  g_string_append_len (out, run, s - run);
  g_string_append_c (out, '"');
}

/**
 * lk_json_write_double:
 * @out: where to append
 * @value: a double
 *
 * Appends @value in the shortest decimal form that reads back to exactly @value, always with
 * a decimal point or an exponent so that it stays a float for ComfyUI (`1.0`, not `1`).
 * JSON has no infinities or NaN: those are written as `null`.
 */
void
lk_json_write_double (GString *out,
                      double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

/**
 * lk_json_format_number:
 * @node: a #JsonNode
 *
 * Formats a number the way lk_json_write_node() writes it, for messages.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @node is not a number
 */
char *
lk_json_format_number (JsonNode *node)
{
  GString *out;
  GType type;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type != G_TYPE_DOUBLE)
    return NULL;

  out = g_string_new (NULL);
  lk_json_write_double (out, json_node_get_double (node));
  return g_string_free (out, FALSE);
}

static gboolean
is_plain_value (JsonNode *node)
{
  return !JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_ARRAY (node);
}

static void write_node (GString *out, JsonNode *node, LkJsonWriteFlags flags,
                        guint indent, guint depth);

static void
write_object (GString          *out,
              JsonObject       *object,
              LkJsonWriteFlags  flags,
              guint             indent,
              guint             depth)
{
  gboolean pretty = (flags & LK_JSON_WRITE_PRETTY) != 0;
  g_autoptr(GList) members = json_object_get_members (object);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append_c (out, '{');
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (l != members)
        g_string_append_c (out, ',');
      if (pretty)
        write_indent (out, indent + 1);
      lk_json_write_string (out, name);
      g_string_append (out, pretty ? ": " : ":");
      write_node (out, json_object_get_member (object, name), flags, indent + 1, depth + 1);
    }
  if (pretty)
    write_indent (out, indent);
  g_string_append_c (out, '}');
}

static void
write_array (GString          *out,
             JsonArray        *array,
             LkJsonWriteFlags  flags,
             guint             indent,
             guint             depth)
{
  gboolean pretty = (flags & LK_JSON_WRITE_PRETTY) != 0;
  guint n = json_array_get_length (array);
  gboolean one_line = TRUE;

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  for (guint i = 0; i < n && one_line; i++)
    one_line = is_plain_value (json_array_get_element (array, i));

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, pretty && one_line ? ", " : ",");
      if (pretty && !one_line)
        write_indent (out, indent + 1);
      write_node (out, json_array_get_element (array, i), flags, indent + 1, depth + 1);
    }
  if (pretty && !one_line)
    write_indent (out, indent);
  g_string_append_c (out, ']');
}

static void
write_node (GString          *out,
            JsonNode         *node,
            LkJsonWriteFlags  flags,
            guint             indent,
            guint             depth)
{
  GType type;

  /* Trees come from lk_json_parse() or are checked with lk_json_node_get_depth() first. */
  if (depth > LK_JSON_MAX_DEPTH)
    {
      g_critical ("JSON tree nested deeper than %u levels; writing null", LK_JSON_MAX_DEPTH);
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), flags, indent, depth);
      return;

    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), flags, indent, depth);
      return;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return;

    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    lk_json_write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING && json_node_get_string (node) != NULL)
    lk_json_write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

/**
 * lk_json_write_node:
 * @out: where to append
 * @node: the tree to write; at most %LK_JSON_MAX_DEPTH levels deep
 * @flags: layout
 * @indent: the indentation level @node starts at, for embedding in pretty output
 *
 * Appends @node as JSON. Object members keep their order.
 */
void
lk_json_write_node (GString          *out,
                    JsonNode         *node,
                    LkJsonWriteFlags  flags,
                    guint             indent)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  write_node (out, node, flags, indent, 0);
}

/**
 * lk_json_to_string:
 * @node: the tree to write
 * @flags: layout
 *
 * Returns: (transfer full): @node as JSON text
 */
char *
lk_json_to_string (JsonNode         *node,
                   LkJsonWriteFlags  flags)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  write_node (out, node, flags, 0, 0);
  return g_string_free (out, FALSE);
}

static JsonNode *
copy_deep (JsonNode *node,
           guint     depth)
{
  JsonNode *copy;

  g_assert (depth <= LK_JSON_MAX_DEPTH + 1);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *object_copy = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      for (const GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object_copy, l->data,
                                copy_deep (json_object_get_member (object, l->data), depth + 1));

      copy = json_node_alloc ();
      json_node_init_object (copy, object_copy);
      json_object_unref (object_copy);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      JsonArray *array_copy = json_array_sized_new (n);

      for (guint i = 0; i < n; i++)
        json_array_add_element (array_copy, copy_deep (json_array_get_element (array, i), depth + 1));

      copy = json_node_alloc ();
      json_node_init_array (copy, array_copy);
      json_array_unref (array_copy);
      return copy;
    }

  /* Values and null hold no shared data. */
  return json_node_copy (node);
}

/**
 * lk_json_node_copy_deep:
 * @node: a tree at most %LK_JSON_MAX_DEPTH levels deep
 *
 * Copies @node and everything below it; json_node_copy() shares objects and arrays.
 *
 * Returns: (transfer full): an independent copy
 */
JsonNode *
lk_json_node_copy_deep (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return copy_deep (node, 0);
}

/**
 * lk_json_node_get_depth:
 * @node: any tree
 *
 * Measures how deeply @node nests objects and arrays, without recursion, stopping as soon as
 * the depth passes %LK_JSON_MAX_DEPTH. A plain value has depth 0, `[1]` has depth 1.
 *
 * Returns: the depth, or %LK_JSON_MAX_DEPTH + 1 if it is deeper than allowed
 */
guint
lk_json_node_get_depth (JsonNode *node)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GArray) depths = NULL;
  guint deepest = 0;

  g_return_val_if_fail (node != NULL, 0);

  nodes = g_ptr_array_new ();
  depths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (nodes, node);
  g_array_append_val (depths, deepest);

  while (nodes->len > 0)
    {
      JsonNode *current = g_ptr_array_steal_index_fast (nodes, nodes->len - 1);
      guint depth = g_array_index (depths, guint, depths->len - 1);
      guint child_depth = depth + 1;

      g_array_set_size (depths, depths->len - 1);

      if (!JSON_NODE_HOLDS_OBJECT (current) && !JSON_NODE_HOLDS_ARRAY (current))
        continue;

      deepest = MAX (deepest, child_depth);
      if (deepest > LK_JSON_MAX_DEPTH)
        return LK_JSON_MAX_DEPTH + 1;

      if (JSON_NODE_HOLDS_OBJECT (current))
        {
          g_autoptr(GList) values = json_object_get_values (json_node_get_object (current));

          for (const GList *l = values; l != NULL; l = l->next)
            {
              g_ptr_array_add (nodes, l->data);
              g_array_append_val (depths, child_depth);
            }
        }
      else
        {
          JsonArray *array = json_node_get_array (current);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_ptr_array_add (nodes, json_array_get_element (array, i));
              g_array_append_val (depths, child_depth);
            }
        }
    }

  return deepest;
}
