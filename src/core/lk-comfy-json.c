/* lk-comfy-json.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading what a ComfyUI server writes.
 *
 * The server is Python: json.dumps() may write `NaN` and `Infinity` (a node's spec holding such
 * a float), integers beyond 64 bits (KSampler's seed max is 2^64-1), lone UTF-16 surrogates
 * (file names decoded with surrogateescape) and `\u0000`. json-glib refuses the first and third,
 * silently wraps the second to a negative number and cuts strings at the fourth. So the text goes
 * through one lexical pass first, which leaves well-formed input untouched (no copy) and
 * otherwise rewrites exactly those tokens: NaN and infinities become null, oversized integers
 * become (inexact) floating point numbers, and NUL or lone surrogates become U+FFFD, which
 * file-name checks then refuse. Nothing Lorakeet reads this way is ever written back.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-comfy-error.h"
#include "lk-comfy-json.h"

typedef struct
{
  const char *data;
  const char *end;
  const char *copied; /* everything before this is already in out */
  GString    *out;    /* NULL until something must change */
  gboolean    broken_escape;
} Rewriter;

static void
rewrite (Rewriter   *rw,
         const char *from,
         const char *to,
         const char *replacement)
{
  if (rw->out == NULL)
    rw->out = g_string_sized_new ((rw->end - rw->data) + 64);

  g_string_append_len (rw->out, rw->copied, from - rw->copied);
  g_string_append (rw->out, replacement);
  rw->copied = to;
}

static gboolean
match_word (const char *p,
            const char *end,
            const char *word)
{
  size_t len = strlen (word);

  if ((size_t) (end - p) < len || memcmp (p, word, len) != 0)
    return FALSE;

  /* "NaNx" is not the token NaN */
  return p + len == end || !g_ascii_isalnum (p[len]);
}

static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Whether the decimal digits [start, end) exceed the int64 range (negative: its magnitude). */
static gboolean
integer_overflows (const char *start,
                   const char *end,
                   gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  size_t len;

  while (end - start > 1 && *start == '0')
    start++;

  len = end - start;
  if (len != 19)
    return len > 19;

  return memcmp (start, limit, 19) > 0;
}

static const char *
scan_number (Rewriter   *rw,
             const char *p)
{
  const char *start = p;
  const char *digits;
  gboolean negative = FALSE;
  gboolean integer = TRUE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  digits = p;
  while (p < rw->end && g_ascii_isdigit (*p))
    p++;

  if (p == digits)
    return start + 1; /* not a number; json-glib reports it */

  if (p < rw->end && *p == '.')
    {
      integer = FALSE;
      p++;
      while (p < rw->end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < rw->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < rw->end && (*p == '+' || *p == '-'))
        p++;
      while (p < rw->end && g_ascii_isdigit (*p))
        p++;
    }

  if (integer && integer_overflows (digits, p, negative))
    {
      /* Same digits, read as a double by json-glib. */
      rewrite (rw, p, p, ".0");
    }

  return p;
}

static const char *
scan_string (Rewriter   *rw,
             const char *p)
{
  g_assert (*p == '"');
  p++;

  while (p < rw->end)
    {
      if (*p == '"')
        return p + 1;

      if (*p == '\\' && p + 1 < rw->end)
        {
          int unit;

          if (p[1] != 'u')
            {
              p += 2;
              continue;
            }

          unit = hex4 (p + 2, rw->end);
          if (unit < 0)
            {
              /* json-glib does not report it: it takes the next four characters as digits
               * whatever they are, which can make a lone surrogate (invalid UTF-8) out of
               * "\ude{" and swallow the closing quote. Refuse the text instead. */
              rw->broken_escape = TRUE;
              return rw->end;
            }

          if (unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            {
              rewrite (rw, p, p + 6, "\\ufffd");
              p += 6;
            }
          else if (unit >= 0xd800 && unit <= 0xdbff)
            {
              int low = -1;

              if (p + 12 <= rw->end && p[6] == '\\' && p[7] == 'u')
                low = hex4 (p + 8, rw->end);

              if (low >= 0xdc00 && low <= 0xdfff)
                {
                  p += 12;
                }
              else
                {
                  rewrite (rw, p, p + 6, "\\ufffd");
                  p += 6;
                }
            }
          else
            {
              p += 6;
            }
          continue;
        }

      p++;
    }

  return p;
}

/**
 * lk_comfy_json_parse:
 * @data: the text of a server's answer (need not be NUL-terminated)
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Parses JSON written by a ComfyUI server, tolerating what Python writes and json-glib cannot
 * read: `NaN`/`Infinity` (read as null), integers beyond 64 bits (read as inexact doubles),
 * `\u0000` and lone surrogates (read as U+FFFD).
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error set to
 *   %LK_COMFY_ERROR_INVALID_RESPONSE
 */
JsonNode *
lk_comfy_json_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Rewriter rw = { data, data + length, data, NULL, FALSE };
  const char *p = data;
  const char *text;
  gsize text_len;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > LK_COMFY_JSON_MAX_LENGTH)
    {
      g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                   _("The server’s answer is too large (%llu bytes)"), (unsigned long long)length);
      return NULL;
    }

  while (p < rw.end)
    {
      char c = *p;

      if (c == '"')
        p = scan_string (&rw, p);
      else if (c == '-' && match_word (p + 1, rw.end, "Infinity"))
        {
          rewrite (&rw, p, p + 9, "null");
          p += 9;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        p = scan_number (&rw, p);
      else if (c == 'N' && match_word (p, rw.end, "NaN"))
        {
          rewrite (&rw, p, p + 3, "null");
          p += 3;
        }
      else if (c == 'I' && match_word (p, rw.end, "Infinity"))
        {
          rewrite (&rw, p, p + 8, "null");
          p += 8;
        }
      else
        p++;
    }

  if (rw.broken_escape)
    {
      g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                   _("The server’s answer is not valid JSON: %s"),
                   _("a \\u escape has fewer than four hex digits"));
      if (rw.out != NULL)
        g_string_free (rw.out, TRUE);
      return NULL;
    }

  if (rw.out != NULL)
    {
      g_string_append_len (rw.out, rw.copied, rw.end - rw.copied);
      text = rw.out->str;
      text_len = rw.out->len;
    }
  else
    {
      text = data;
      text_len = length;
    }

  parser = json_parser_new_immutable ();
  if (text_len == 0 || !json_parser_load_from_data (parser, text, text_len, &local_error))
    {
      /* json-glib quotes the offending token with its escapes decoded, so its message is only
       * as valid as what it decoded; the message ends up in a label, which needs UTF-8. */
      g_autofree char *detail = local_error ? g_utf8_make_valid (local_error->message, -1) : NULL;

      g_debug ("Unreadable JSON from the server: %s", detail ? detail : "empty");
      g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                   _("The server’s answer is not valid JSON: %s"),
                   detail ? detail : _("it is empty"));
      if (rw.out != NULL)
        g_string_free (rw.out, TRUE);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (rw.out != NULL)
    g_string_free (rw.out, TRUE);

  if (root == NULL)
    g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                 _("The server’s answer is not valid JSON: %s"), _("it is empty"));

  return root;
}

/**
 * lk_comfy_json_parse_bytes:
 * @bytes: a server's answer
 * @error: return location for a #GError
 *
 * lk_comfy_json_parse() on the contents of @bytes.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
lk_comfy_json_parse_bytes (GBytes  *bytes,
                           GError **error)
{
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  return lk_comfy_json_parse (data ? data : "", len, error);
}

/**
 * lk_comfy_json_get_object:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an object, else %NULL
 */
JsonObject *
lk_comfy_json_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * lk_comfy_json_get_array:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an array, else %NULL
 */
JsonArray *
lk_comfy_json_get_array (JsonObject *object,
                         const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * lk_comfy_json_get_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is a string, else %NULL
 */
const char *
lk_comfy_json_get_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * lk_comfy_json_node_dup_id:
 * @node: (nullable): a node
 *
 * Node and prompt ids are opaque strings, but a server or a hand-written graph may write one as
 * a number; Python's str() of it is what the server would use.
 *
 * Returns: (transfer full) (nullable): the id as a string, %NULL for null or other types
 */
char *
lk_comfy_json_node_dup_id (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

/**
 * lk_comfy_json_dup_id:
 * @object: (nullable): an object
 * @member: a member name
 *
 * lk_comfy_json_node_dup_id() on a member.
 *
 * Returns: (transfer full) (nullable): the id
 */
char *
lk_comfy_json_dup_id (JsonObject *object,
                      const char *member)
{
  if (object == NULL)
    return NULL;

  return lk_comfy_json_node_dup_id (json_object_get_member (object, member));
}

/**
 * lk_comfy_json_node_get_number:
 * @node: (nullable): a node
 * @value: (out): the number
 *
 * Reads an int or a float alike: the server writes `5` or `5.0` for the same thing.
 *
 * Returns: %TRUE if @node holds a number
 */
gboolean
lk_comfy_json_node_get_number (JsonNode *node,
                               double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

/**
 * lk_comfy_json_get_number:
 * @object: (nullable): an object
 * @member: a member name
 * @value: (out): the number
 *
 * Returns: %TRUE if the member exists and is a number
 */
gboolean
lk_comfy_json_get_number (JsonObject *object,
                          const char *member,
                          double     *value)
{
  if (object == NULL)
    return FALSE;

  return lk_comfy_json_node_get_number (json_object_get_member (object, member), value);
}

/**
 * lk_comfy_json_get_int:
 * @object: (nullable): an object
 * @member: a member name
 * @fallback: the value when the member is missing or not a number
 *
 * Returns: the member as an integer (a float is truncated), or @fallback
 */
gint64
lk_comfy_json_get_int (JsonObject *object,
                       const char *member,
                       gint64      fallback)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return fallback;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* NaN fails both comparisons */
      if (d >= -9.2e18 && d <= 9.2e18)
        return (gint64) d;
    }

  return fallback;
}

/**
 * lk_comfy_json_to_string:
 * @node: a node
 * @pretty: whether to indent
 *
 * Returns: (transfer full): @node as JSON text
 */
char *
lk_comfy_json_to_string (JsonNode *node,
                         gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}
