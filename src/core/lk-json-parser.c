/* lk-json-parser.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A strict, non-recursive JSON reader that builds json-glib trees.
 *
 * json-glib's own parser is lenient where a template must not be (it wraps integers beyond
 * 64 bits, keeps the last of duplicate keys, truncates strings at "\u0000", accepts comments,
 * single quotes and trailing documents) and recursive, so deeply nested input exhausts the
 * stack. Templates come from other people's files, so they are read here instead: one pass,
 * an explicit stack with a depth limit, and an error that says where and what.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-json-parser"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-json-parser.h"
#include "lk-workflow-error.h"

typedef struct
{
  JsonNode *container;  /* owned until it is attached to its parent */
  char     *key;        /* objects: the member being read */
  guint     index;      /* arrays: the element being read */
} Frame;

typedef struct
{
  const char       *data;
  const char       *pos;
  const char       *end;
  LkJsonParseFlags  flags;
  guint             max_depth;
  GArray           *stack;
  GString          *buf;
} Parser;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->container, json_node_unref);
  g_clear_pointer (&frame->key, g_free);
}

static void
locate (const Parser *p,
        const char   *at,
        guint        *line,
        guint        *column)
{
  const char *line_start = p->data;
  const char *s;

  *line = 1;
  for (s = p->data; s < at; s++)
    {
      if (*s == '\n')
        {
          *line += 1;
          line_start = s + 1;
        }
    }
  *column = 1 + (guint) g_utf8_strlen (line_start, at - line_start);
}

static gboolean parser_fail (const Parser *p,
                             const char   *at,
                             int           code,
                             GError      **error,
                             const char   *format,
                             ...) G_GNUC_PRINTF (5, 6);

static gboolean
parser_fail (const Parser *p,
             const char   *at,
             int           code,
             GError      **error,
             const char   *format,
             ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  locate (p, at, &line, &column);
  g_set_error (error, LK_WORKFLOW_ERROR, code,
               _("%s (line %u, column %u)"), what, line, column);
  return FALSE;
}

static gboolean
fail_truncated (const Parser  *p,
                GError       **error)
{
  return parser_fail (p, p->end, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s",
                      _("The text ends too early; the file may have been cut off"));
}

static gboolean
fail_unexpected (const Parser  *p,
                 const char    *expected,
                 GError       **error)
{
  gunichar ch = g_utf8_get_char (p->pos);

  if (ch >= 0x21 && ch < 0x7f)
    return parser_fail (p, p->pos, LK_WORKFLOW_ERROR_INVALID_JSON, error,
                        _("Found “%c” where %s was expected"), (char) ch, expected);

  return parser_fail (p, p->pos, LK_WORKFLOW_ERROR_INVALID_JSON, error,
                      _("Found the character U+%04X where %s was expected"), ch, expected);
}

static inline void
skip_whitespace (Parser *p)
{
  while (p->pos < p->end &&
         (*p->pos == ' ' || *p->pos == '\n' || *p->pos == '\r' || *p->pos == '\t'))
    p->pos++;
}

static int
read_hex4 (const char *s)
{
  int value = 0;
  int i;

  for (i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Reads a \uXXXX escape (and its low surrogate) at @s, which points after the "u". */
static gboolean
read_unicode_escape (Parser      *p,
                     const char **s,
                     GError     **error)
{
  const char *escape = *s - 2;
  int unit;
  gunichar ch;
  char utf8[6];

  if (p->end - *s < 4 || (unit = read_hex4 (*s)) < 0)
    return parser_fail (p, escape, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s",
                        _("A \\u escape needs four hexadecimal digits"));
  *s += 4;

  if (unit >= 0xdc00 && unit <= 0xdfff)
    return parser_fail (p, escape, LK_WORKFLOW_ERROR_NOT_UTF8, error, "%s",
                        _("A string holds half of a UTF-16 surrogate pair"));

  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      int low;

      if (p->end - *s < 6 || (*s)[0] != '\\' || (*s)[1] != 'u' ||
          (low = read_hex4 (*s + 2)) < 0 || low < 0xdc00 || low > 0xdfff)
        return parser_fail (p, escape, LK_WORKFLOW_ERROR_NOT_UTF8, error, "%s",
                            _("A string holds half of a UTF-16 surrogate pair"));
      *s += 6;
      ch = 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00);
    }
  else
    {
      ch = (gunichar) unit;
    }

  if (ch == 0)
    return parser_fail (p, escape, LK_WORKFLOW_ERROR_NOT_UTF8, error, "%s",
                        _("A string holds a NUL character (\\u0000), which Lorakeet cannot keep"));

  g_string_append_len (p->buf, utf8, g_unichar_to_utf8 (ch, utf8));
  return TRUE;
}

/* Reads the string starting at the opening quote under p->pos into p->buf. */
static gboolean
read_string (Parser  *p,
             GError **error)
{
  const char *open = p->pos;
  const char *s = open + 1;
  const char *run;

  g_string_truncate (p->buf, 0);

  while (s < p->end)
    {
      if (*s == '"')
        {
          p->pos = s + 1;
          return TRUE;
        }

      if ((guchar) *s < 0x20)
        return parser_fail (p, s, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s",
                            _("A string holds a raw control character; write it as an escape such as \\n"));

      if (*s != '\\')
        {
          for (run = s; s < p->end && *s != '"' && *s != '\\' && (guchar) *s >= 0x20; s++)
            ;
          g_string_append_len (p->buf, run, s - run);
          continue;
        }

      if (++s >= p->end)
        break;

      switch (*s++)
        {
        case '"': g_string_append_c (p->buf, '"'); break;
        case '\\': g_string_append_c (p->buf, '\\'); break;
        case '/': g_string_append_c (p->buf, '/'); break;
        case 'b': g_string_append_c (p->buf, '\b'); break;
        case 'f': g_string_append_c (p->buf, '\f'); break;
        case 'n': g_string_append_c (p->buf, '\n'); break;
        case 'r': g_string_append_c (p->buf, '\r'); break;
        case 't': g_string_append_c (p->buf, '\t'); break;
        case 'u':
          if (!read_unicode_escape (p, &s, error))
            return FALSE;
          break;
        default:
          return parser_fail (p, s - 2, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s",
                              _("A string holds an unknown escape sequence"));
        }
    }

  return parser_fail (p, open, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s",
                      _("A string is not closed; the file may have been cut off"));
}

static JsonNode *
number_out_of_range (Parser     *p,
                     const char *start,
                     GError    **error)
{
  int length = (int) MIN (p->pos - start, 40);

  parser_fail (p, start, LK_WORKFLOW_ERROR_NUMBER_RANGE, error,
               _("The number %.*s%s cannot be kept exactly; integers must lie between "
                 "-9223372036854775808 and 9223372036854775807 and other numbers must be finite"),
               length, start, p->pos - start > 40 ? "…" : "");
  return NULL;
}

static JsonNode *
read_number (Parser  *p,
             GError **error)
{
  const char *start = p->pos;
  const char *s = start;
  gboolean negative = FALSE;
  gboolean is_float = FALSE;
  JsonNode *node;
  char small[64];
  g_autofree char *large = NULL;
  const char *token;
  const char *problem = NULL;
  double value;

  if (*s == '-')
    {
      negative = TRUE;
      s++;
    }
  if (s < p->end && *s == '0')
    s++;
  else if (s < p->end && *s >= '1' && *s <= '9')
    while (s < p->end && g_ascii_isdigit (*s))
      s++;
  else
    problem = _("A number is malformed");

  if (problem == NULL && s < p->end && *s == '.')
    {
      is_float = TRUE;
      if (++s >= p->end || !g_ascii_isdigit (*s))
        problem = _("A number has no digits after its decimal point");
      while (s < p->end && g_ascii_isdigit (*s))
        s++;
    }
  if (problem == NULL && s < p->end && (*s == 'e' || *s == 'E'))
    {
      is_float = TRUE;
      s++;
      if (s < p->end && (*s == '+' || *s == '-'))
        s++;
      if (s >= p->end || !g_ascii_isdigit (*s))
        problem = _("A number has no digits in its exponent");
      while (s < p->end && g_ascii_isdigit (*s))
        s++;
    }
  if (problem != NULL)
    {
      parser_fail (p, start, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s", problem);
      return NULL;
    }
  p->pos = s;

  if (!is_float)
    {
      const char *d = start + (negative ? 1 : 0);
      guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
      guint64 magnitude = 0;
      gboolean overflow = FALSE;

      for (; d < s; d++)
        {
          guint digit = (guint) (*d - '0');

          if (magnitude > (limit - digit) / 10)
            {
              overflow = TRUE;
              break;
            }
          magnitude = magnitude * 10 + digit;
        }

      if (!overflow)
        {
          node = json_node_alloc ();
          if (negative)
            json_node_init_int (node, magnitude == limit ? G_MININT64 : -(gint64) magnitude);
          else
            json_node_init_int (node, (gint64) magnitude);
          return node;
        }

      if (!(p->flags & LK_JSON_PARSE_LOOSE_NUMBERS))
        return number_out_of_range (p, start, error);
    }

  if (s - start < (gssize) sizeof small)
    {
      memcpy (small, start, s - start);
      small[s - start] = '\0';
      token = small;
    }
  else
    {
      token = large = g_strndup (start, s - start);
    }

  value = g_ascii_strtod (token, NULL);
  node = json_node_alloc ();
  if (isfinite (value))
    json_node_init_double (node, value);
  else if (p->flags & LK_JSON_PARSE_LOOSE_NUMBERS)
    json_node_init_null (node);
  else
    {
      json_node_unref (node);
      return number_out_of_range (p, start, error);
    }

  return node;
}

static gboolean
match_word (Parser     *p,
            const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (p->end - p->pos) < length || memcmp (p->pos, word, length) != 0)
    return FALSE;
  p->pos += length;
  return TRUE;
}

static JsonNode *
read_scalar (Parser  *p,
             GError **error)
{
  const char *at = p->pos;
  JsonNode *node;

  switch (*p->pos)
    {
    case '"':
      if (!read_string (p, error))
        return NULL;
      return json_node_init_string (json_node_alloc (), p->buf->str);

    case 't':
    case 'f':
    case 'n':
      node = json_node_alloc ();
      if (match_word (p, "true"))
        return json_node_init_boolean (node, TRUE);
      if (match_word (p, "false"))
        return json_node_init_boolean (node, FALSE);
      if (match_word (p, "null"))
        return json_node_init_null (node);
      json_node_unref (node);
      break;

    case 'N':
    case 'I':
    case '-':
      if (match_word (p, "NaN") || match_word (p, "Infinity") || match_word (p, "-Infinity"))
        {
          if (p->flags & LK_JSON_PARSE_LOOSE_NUMBERS)
            return json_node_init_null (json_node_alloc ());
          parser_fail (p, at, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s",
                       _("NaN and Infinity are not valid JSON numbers"));
          return NULL;
        }
      if (*p->pos == '-')
        return read_number (p, error);
      break;

    default:
      if (g_ascii_isdigit (*p->pos))
        return read_number (p, error);
      break;
    }

  fail_unexpected (p, _("a value"), error);
  return NULL;
}

static gboolean
open_container (Parser  *p,
                GError **error)
{
  Frame frame = { NULL, NULL, 0 };

  if (p->stack->len >= p->max_depth)
    return parser_fail (p, p->pos, LK_WORKFLOW_ERROR_TOO_DEEP, error,
                        _("Arrays and objects are nested more than %u levels deep"),
                        p->max_depth);

  frame.container = json_node_alloc ();
  if (*p->pos == '{')
    {
      JsonObject *object = json_object_new ();

      json_node_init_object (frame.container, object);
      json_object_unref (object);
    }
  else
    {
      JsonArray *array = json_array_new ();

      json_node_init_array (frame.container, array);
      json_array_unref (array);
    }

  p->pos++;
  g_array_append_val (p->stack, frame);
  return TRUE;
}

static JsonNode *
pop_container (Parser *p)
{
  Frame *top = &g_array_index (p->stack, Frame, p->stack->len - 1);
  JsonNode *node = g_steal_pointer (&top->container);

  g_array_set_size (p->stack, p->stack->len - 1);
  return node;
}

/* Reads `"key" :` inside the object on top of the stack. */
static gboolean
read_member_key (Parser  *p,
                 GError **error)
{
  Frame *top = &g_array_index (p->stack, Frame, p->stack->len - 1);
  const char *at = p->pos;

  if (p->pos >= p->end)
    return fail_truncated (p, error);
  if (*p->pos != '"')
    return fail_unexpected (p, _("a quoted member name"), error);
  if (!read_string (p, error))
    return FALSE;

  top->key = g_strndup (p->buf->str, p->buf->len);
  if (json_object_has_member (json_node_get_object (top->container), top->key))
    return parser_fail (p, at, LK_WORKFLOW_ERROR_DUPLICATE_KEY, error,
                        _("The key “%s” appears twice in the same object"), top->key);

  skip_whitespace (p);
  if (p->pos >= p->end)
    return fail_truncated (p, error);
  if (*p->pos != ':')
    return fail_unexpected (p, "“:”", error);
  p->pos++;

  return TRUE;
}

static void
attach (Frame    *top,
        JsonNode *value)
{
  if (JSON_NODE_HOLDS_OBJECT (top->container))
    {
      g_assert (top->key != NULL);
      json_object_set_member (json_node_get_object (top->container), top->key, value);
      g_clear_pointer (&top->key, g_free);
    }
  else
    {
      json_array_add_element (json_node_get_array (top->container), value);
    }
}

static JsonNode *
parse_value (Parser  *p,
             GError **error)
{
  for (;;)
    {
      JsonNode *value = NULL;

      skip_whitespace (p);
      if (p->pos >= p->end)
        {
          fail_truncated (p, error);
          return NULL;
        }

      if (*p->pos == '{' || *p->pos == '[')
        {
          char close = *p->pos == '{' ? '}' : ']';

          if (!open_container (p, error))
            return NULL;
          skip_whitespace (p);
          if (p->pos < p->end && *p->pos == close)
            {
              p->pos++;
              value = pop_container (p);
            }
          else if (close == '}')
            {
              if (!read_member_key (p, error))
                return NULL;
              continue;
            }
          else
            {
              continue;
            }
        }
      else if (!(value = read_scalar (p, error)))
        {
          return NULL;
        }

      /* A value is complete: hand it to its parent, then see what follows. */
      while (value != NULL)
        {
          Frame *top;

          if (p->stack->len == 0)
            return value;

          top = &g_array_index (p->stack, Frame, p->stack->len - 1);
          attach (top, g_steal_pointer (&value));

          skip_whitespace (p);
          if (p->pos >= p->end)
            {
              fail_truncated (p, error);
              return NULL;
            }

          if (*p->pos == ',')
            {
              p->pos++;
              if (JSON_NODE_HOLDS_OBJECT (top->container))
                {
                  skip_whitespace (p);
                  if (!read_member_key (p, error))
                    return NULL;
                }
              else
                {
                  top->index++;
                }
            }
          else if (*p->pos == (JSON_NODE_HOLDS_OBJECT (top->container) ? '}' : ']'))
            {
              p->pos++;
              value = pop_container (p);
            }
          else
            {
              fail_unexpected (p, JSON_NODE_HOLDS_OBJECT (top->container) ? "“,” or “}”"
                                                                          : "“,” or “]”",
                               error);
              return NULL;
            }
        }
    }
}

static char **
dup_stack_path (const Parser *p)
{
  GPtrArray *path = g_ptr_array_new ();
  guint i;

  for (i = 0; i < p->stack->len; i++)
    {
      const Frame *frame = &g_array_index (p->stack, Frame, i);

      if (JSON_NODE_HOLDS_OBJECT (frame->container))
        {
          if (frame->key == NULL)
            break;
          g_ptr_array_add (path, g_strdup (frame->key));
        }
      else
        {
          g_ptr_array_add (path, g_strdup_printf ("%u", frame->index));
        }
    }
  g_ptr_array_add (path, NULL);

  return (char **) g_ptr_array_free (path, FALSE);
}

/**
 * lk_json_parse:
 * @data: (array length=length): the text
 * @length: the length of @data in bytes
 * @max_length: refuse text longer than this
 * @max_depth: refuse arrays and objects nested deeper than this
 * @flags: how to read numbers
 * @error_path: (out) (optional) (transfer full): on failure, the member names and array
 *   indices leading to the place of the error, from the root
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Reads one JSON document strictly (RFC 8259): UTF-8 only, no NUL characters, no duplicate
 * keys, no comments, nothing after the value; integers that fit in 64 bits are kept as
 * integers, everything else with a fraction or exponent as doubles. A UTF-8 byte order mark
 * is skipped. Never recurses, so nesting costs no stack. Error messages give the line and
 * column.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error set
 */
JsonNode *
lk_json_parse (const char         *data,
               gsize               length,
               gsize               max_length,
               guint               max_depth,
               LkJsonParseFlags    flags,
               char             ***error_path,
               GError            **error)
{
  g_autoptr(GString) buf = NULL;
  g_autoptr(GArray) stack = NULL;
  const char *invalid = NULL;
  JsonNode *root;
  Parser p;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0, NULL);

  if (error_path != NULL)
    *error_path = NULL;

  if (length > max_length)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (max_length);

      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_TOO_LARGE,
                   _("The text is %s; Lorakeet reads at most %s"), size, limit);
      return NULL;
    }

  p.data = data != NULL ? data : "";
  p.pos = p.data;
  p.end = p.data + length;
  p.flags = flags;
  p.max_depth = max_depth;

  if (!g_utf8_validate_len (p.data, length, &invalid))
    {
      if (*invalid == '\0')
        parser_fail (&p, invalid, LK_WORKFLOW_ERROR_NOT_UTF8, error, "%s",
                     _("The text holds a NUL byte; it is binary data, not JSON"));
      else
        parser_fail (&p, invalid, LK_WORKFLOW_ERROR_NOT_UTF8, error, "%s",
                     _("The text is not UTF-8; save it as UTF-8 and try again"));
      return NULL;
    }

  if (length >= 3 && memcmp (p.data, "\xef\xbb\xbf", 3) == 0)
    p.pos += 3;

  skip_whitespace (&p);
  if (p.pos >= p.end)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_JSON,
                           _("The text is empty"));
      return NULL;
    }

  buf = g_string_new (NULL);
  stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_array_set_clear_func (stack, frame_clear);
  p.buf = buf;
  p.stack = stack;

  root = parse_value (&p, error);
  if (root != NULL)
    {
      skip_whitespace (&p);
      if (p.pos < p.end)
        {
          g_clear_pointer (&root, json_node_unref);
          parser_fail (&p, p.pos, LK_WORKFLOW_ERROR_INVALID_JSON, error, "%s",
                       _("There is more text after the end of the JSON value"));
        }
    }
  else if (error_path != NULL)
    {
      *error_path = dup_stack_path (&p);
    }

  return root;
}
