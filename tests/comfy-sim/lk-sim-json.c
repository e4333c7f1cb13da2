/* lk-sim-json.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-sim-json.h"

static void dump_node (GString *out, JsonNode *node);
static void repr_node (GString *out, JsonNode *node);

/**
 * lk_sim_json_uint64_max:
 *
 * Returns the node that stands for 2^64-1, the `max` of every seed input. json-glib holds
 * integers as gint64, so this one node is recognised by identity and written as the digits.
 *
 * Returns: (transfer full): a new reference to the shared node
 */
JsonNode *
lk_sim_json_uint64_max (void)
{
  static JsonNode *node;

  if (g_once_init_enter (&node))
    {
      JsonNode *created = json_node_init_double (json_node_alloc (), 18446744073709551615.0);

      json_node_seal (created);
      g_once_init_leave (&node, created);
    }

  return json_node_ref (node);
}

/* Decodes one character; the two-byte overlong form of U+0000 (C0 80) is accepted so that a
 * name containing NUL can travel in a C string and still be written as \u0000. */
static gunichar
next_char (const char **p)
{
  const guchar *s = (const guchar *)*p;
  gunichar c;
  int extra;

  if (s[0] < 0x80)
    {
      *p += 1;
      return s[0];
    }
  if (s[0] == 0xC0 && s[1] == 0x80)
    {
      *p += 2;
      return 0;
    }

  c = g_utf8_get_char_validated (*p, -1);
  if (c == (gunichar)-1 || c == (gunichar)-2)
    {
      *p += 1;
      return 0xFFFD;
    }
  extra = g_unichar_to_utf8 (c, NULL);
  *p += extra;
  return c;
}

static void
dump_string (GString    *out,
             const char *str)
{
  const char *p = str;

  g_string_append_c (out, '"');
  while (*p)
    {
      gunichar c = next_char (&p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c >= 0x20 && c < 0x7f)
            g_string_append_c (out, (char)c);
          else if (c < 0x10000)
            g_string_append_printf (out, "\\u%04x", c);
          else
            {
              gunichar v = c - 0x10000;

              g_string_append_printf (out, "\\u%04x\\u%04x",
                                      0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            }
        }
    }
  g_string_append_c (out, '"');
}

/**
 * lk_sim_py_float_repr:
 * @out: where to append
 * @value: the number
 * @json: %TRUE for json.dumps spelling of the special values (NaN, Infinity), %FALSE for str()
 *
 * Appends @value as Python's repr() writes a float: the shortest digits that read back to the
 * same double, ".0" on integral values, exponent form below 1e-4 and from 1e16 on.
 */
void
lk_sim_py_float_repr (GString  *out,
                      double    value,
                      gboolean  json)
{
  char buf[64];
  char digits[32];
  const char *p;
  int n_digits = 0;
  int exponent;
  int precision;

  if (isnan (value))
    {
      g_string_append (out, json ? "NaN" : "nan");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value < 0 ? "-" : "");
      g_string_append (out, json ? "Infinity" : "inf");
      return;
    }

  for (precision = 1; precision <= 17; precision++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  p = buf;
  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  for (; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p) && n_digits < (int)sizeof digits - 1)
      digits[n_digits++] = *p;
  digits[n_digits] = '\0';
  exponent = *p == 'e' ? atoi (p + 1) : 0;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    digits[--n_digits] = '\0';

  if (exponent >= -4 && exponent < 16)
    {
      if (exponent >= 0)
        {
          int i;

          for (i = 0; i <= exponent; i++)
            g_string_append_c (out, i < n_digits ? digits[i] : '0');
          g_string_append_c (out, '.');
          if (n_digits > exponent + 1)
            g_string_append (out, digits + exponent + 1);
          else
            g_string_append_c (out, '0');
        }
      else
        {
          g_string_append (out, "0.");
          for (int i = 0; i < -exponent - 1; i++)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
}

static void
dump_value (GString  *out,
            JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    lk_sim_py_float_repr (out, json_node_get_double (node), TRUE);
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    dump_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
dump_node (GString  *out,
           JsonNode *node)
{
  static JsonNode *uint64_max;

  if (uint64_max == NULL)
    uint64_max = lk_sim_json_uint64_max ();

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }
  if (node == uint64_max)
    {
      g_string_append (out, "18446744073709551615");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append (out, ", ");
            first = FALSE;
            dump_string (out, name);
            g_string_append (out, ": ");
            dump_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            dump_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      dump_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * lk_sim_json_dumps:
 * @node: (nullable): a JSON node
 *
 * Writes @node as Python's json.dumps() does with its defaults.
 *
 * Returns: (transfer full): the JSON text
 */
char *
lk_sim_json_dumps (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  dump_node (out, node);
  return g_string_free (out, FALSE);
}

/**
 * lk_sim_json_dumps_object:
 * @object: a JSON object
 *
 * Returns: (transfer full): @object as json.dumps() writes it
 */
char *
lk_sim_json_dumps_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return lk_sim_json_dumps (node);
}

/**
 * lk_sim_json_dumps_bytes:
 * @node: (nullable): a JSON node
 *
 * Returns: (transfer full): @node as json.dumps() writes it
 */
GBytes *
lk_sim_json_dumps_bytes (JsonNode *node)
{
  char *text = lk_sim_json_dumps (node);

  return g_bytes_new_take (text, strlen (text));
}

/**
 * lk_sim_json_parse:
 * @data: JSON text
 * @length: its length in bytes, or -1
 * @error: return location for a parse error
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
lk_sim_json_parse (const char  *data,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  /* Mutable nodes: validation coerces widget values in place, as ComfyUI does. */
  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "Empty document");

  return root;
}

/**
 * lk_sim_py_repr_string:
 * @out: where to append
 * @str: a UTF-8 string
 *
 * Appends repr(@str): single quotes unless the text holds a single quote and no double quote.
 */
void
lk_sim_py_repr_string (GString    *out,
                       const char *str)
{
  char quote = (strchr (str, '\'') && !strchr (str, '"')) ? '"' : '\'';
  const char *p = str;

  g_string_append_c (out, quote);
  while (*p)
    {
      const char *start = p;
      gunichar c = next_char (&p);

      if (c == (gunichar)quote || c == '\\')
        g_string_append_printf (out, "\\%c", (char)c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c < 0xa0)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_len (out, start, p - start);
    }
  g_string_append_c (out, quote);
}

static void
repr_value (GString  *out,
            JsonNode *node,
            gboolean  str)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    lk_sim_py_float_repr (out, json_node_get_double (node), FALSE);
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "True" : "False");
  else if (type == G_TYPE_STRING)
    {
      if (str)
        g_string_append (out, json_node_get_string (node));
      else
        lk_sim_py_repr_string (out, json_node_get_string (node));
    }
  else
    g_string_append (out, "None");
}

static void
repr_node (GString  *out,
           JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "None");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append (out, ", ");
            first = FALSE;
            lk_sim_py_repr_string (out, name);
            g_string_append (out, ": ");
            repr_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            repr_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      repr_value (out, node, FALSE);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "None");
      break;
    }
}

/**
 * lk_sim_py_str:
 * @node: (nullable): a JSON value as Python would hold it after json.loads()
 *
 * Returns: (transfer full): Python's str() of the value
 */
char *
lk_sim_py_str (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    repr_value (out, node, TRUE);
  else
    repr_node (out, node);

  return g_string_free (out, FALSE);
}

/**
 * lk_sim_py_repr:
 * @node: (nullable): a JSON value
 *
 * Returns: (transfer full): Python's repr() of the value
 */
char *
lk_sim_py_repr (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  repr_node (out, node);
  return g_string_free (out, FALSE);
}

/**
 * lk_sim_py_type_name:
 * @node: (nullable): a JSON value
 *
 * Returns: the name of the Python type json.loads() gives this value
 */
const char *
lk_sim_py_type_name (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "NoneType";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "dict";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "list";

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return "int";
  if (type == G_TYPE_DOUBLE)
    return "float";
  if (type == G_TYPE_BOOLEAN)
    return "bool";
  return "str";
}

/**
 * lk_sim_py_truth:
 * @node: (nullable): a JSON value
 *
 * Returns: Python's bool() of the value ("false" is true, 0, "", [], {} and None are false)
 */
gboolean
lk_sim_py_truth (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node)) > 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node) != 0.0;
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return json_node_get_string (node)[0] != '\0';
}

/* Copies the digits of a Python numeric literal, dropping the single underscores that Python
 * allows between digits; FALSE if an underscore is misplaced. */
static gboolean
strip_underscores (const char *start,
                   const char *end,
                   GString    *out)
{
  for (const char *p = start; p < end; p++)
    {
      if (*p == '_')
        {
          if (p == start || p + 1 >= end || !g_ascii_isdigit (p[-1]) || !g_ascii_isdigit (p[1]))
            return FALSE;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return TRUE;
}

static void
trim_bounds (const char  *text,
             const char **start,
             const char **end)
{
  *start = text;
  *end = text + strlen (text);
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

/**
 * lk_sim_py_parse_int:
 * @text: a string
 * @out: (out): the value
 *
 * Parses @text as Python's int() does with base 10 (surrounding blanks, a sign, underscores
 * between digits).
 *
 * Returns: %FALSE if int() would raise ValueError
 */
gboolean
lk_sim_py_parse_int (const char *text,
                     gint64     *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *start, *end;
  gboolean negative = FALSE;
  guint64 value;

  trim_bounds (text, &start, &end);
  if (start < end && (*start == '+' || *start == '-'))
    {
      negative = *start == '-';
      start++;
    }
  if (start == end || !strip_underscores (start, end, digits))
    return FALSE;
  for (gsize i = 0; i < digits->len; i++)
    if (!g_ascii_isdigit (digits->str[i]))
      return FALSE;

  value = g_ascii_strtoull (digits->str, NULL, 10);
  if (value > (guint64)G_MAXINT64)
    value = (guint64)G_MAXINT64;
  *out = negative ? -(gint64)value : (gint64)value;
  return TRUE;
}

/**
 * lk_sim_py_parse_float:
 * @text: a string
 * @out: (out): the value
 *
 * Parses @text as Python's float() does: decimal and exponent forms, "inf", "infinity" and
 * "nan" in any case, surrounding blanks, underscores between digits; no hexadecimal.
 *
 * Returns: %FALSE if float() would raise ValueError
 */
gboolean
lk_sim_py_parse_float (const char *text,
                       double     *out)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *start, *end, *body;
  char *parse_end = NULL;
  gboolean seen_digit = FALSE;
  gsize i = 0;

  trim_bounds (text, &start, &end);
  if (start == end || !strip_underscores (start, end, clean))
    return FALSE;

  body = clean->str;
  if (*body == '+' || *body == '-')
    body++;
  if (g_ascii_strcasecmp (body, "inf") == 0 || g_ascii_strcasecmp (body, "infinity") == 0)
    {
      *out = clean->str[0] == '-' ? -INFINITY : INFINITY;
      return TRUE;
    }
  if (g_ascii_strcasecmp (body, "nan") == 0)
    {
      *out = NAN;
      return TRUE;
    }

  /* digits [. digits] [e [sign] digits], at least one digit in the mantissa */
  while (g_ascii_isdigit (body[i]))
    i++, seen_digit = TRUE;
  if (body[i] == '.')
    for (i++; g_ascii_isdigit (body[i]); i++)
      seen_digit = TRUE;
  if (!seen_digit)
    return FALSE;
  if (body[i] == 'e' || body[i] == 'E')
    {
      gsize exp_start;

      i++;
      if (body[i] == '+' || body[i] == '-')
        i++;
      exp_start = i;
      while (g_ascii_isdigit (body[i]))
        i++;
      if (i == exp_start)
        return FALSE;
    }
  if (body[i] != '\0')
    return FALSE;

  *out = g_ascii_strtod (clean->str, &parse_end);
  return parse_end != NULL && *parse_end == '\0';
}

/**
 * lk_sim_json_get_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (nullable): the member's text, or %NULL when it is absent or not a string
 */
const char *
lk_sim_json_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Small constructors that keep the builders of response bodies short. */

JsonNode *
lk_sim_json_string (const char *value)
{
  return value ? json_node_init_string (json_node_alloc (), value)
               : json_node_init_null (json_node_alloc ());
}

JsonNode *
lk_sim_json_int (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

JsonNode *
lk_sim_json_double (double value)
{
  return json_node_init_double (json_node_alloc (), value);
}

JsonNode *
lk_sim_json_bool (gboolean value)
{
  return json_node_init_boolean (json_node_alloc (), value);
}

JsonNode *
lk_sim_json_null (void)
{
  return json_node_init_null (json_node_alloc ());
}

/* Takes ownership of @object. */
JsonNode *
lk_sim_json_object_node (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

/* Takes ownership of @array. */
JsonNode *
lk_sim_json_array_node (JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return node;
}

JsonArray *
lk_sim_json_strv (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv && strv[i]; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}
