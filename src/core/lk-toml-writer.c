/* lk-toml-writer.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-toml-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-toml-writer.h"

struct _LkTomlWriter
{
  GString *text;
  guint    depth;   /* indentation of keys: nested tables read better indented */
};

LkTomlWriter *
lk_toml_writer_new (void)
{
  LkTomlWriter *self = g_new0 (LkTomlWriter, 1);

  self->text = g_string_new (NULL);
  return self;
}

void
lk_toml_writer_free (LkTomlWriter *self)
{
  g_string_free (self->text, TRUE);
  g_free (self);
}

static guint
count_dots (const char *name)
{
  guint dots = 0;

  for (const char *p = name; *p; p++)
    dots += *p == '.';
  return dots;
}

static void
start_header (LkTomlWriter *self,
              const char   *open,
              const char   *name,
              const char   *close)
{
  self->depth = count_dots (name);
  if (self->text->len > 0)
    g_string_append_c (self->text, '\n');
  for (guint i = 0; i < self->depth; i++)
    g_string_append (self->text, "  ");
  g_string_append_printf (self->text, "%s%s%s\n", open, name, close);
}

void
lk_toml_writer_table (LkTomlWriter *self,
                      const char   *name)
{
  g_return_if_fail (self != NULL && name != NULL);

  start_header (self, "[", name, "]");
}

void
lk_toml_writer_array_table (LkTomlWriter *self,
                            const char   *name)
{
  g_return_if_fail (self != NULL && name != NULL);

  start_header (self, "[[", name, "]]");
}

static void
start_key (LkTomlWriter *self,
           const char   *key)
{
  for (guint i = 0; i < self->depth; i++)
    g_string_append (self->text, "  ");
  g_string_append_printf (self->text, "%s = ", key);
}

void
lk_toml_writer_string (LkTomlWriter *self,
                       const char   *key,
                       const char   *value)
{
  g_return_if_fail (self != NULL && key != NULL && value != NULL);

  start_key (self, key);
  g_string_append_c (self->text, '"');
  for (const char *p = value; *p; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"' || c == '\\')
        g_string_append_printf (self->text, "\\%c", c);
      else if (c == '\n')
        g_string_append (self->text, "\\n");
      else if (c == '\t')
        g_string_append (self->text, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (self->text, "\\u%04X", c);
      else
        g_string_append_c (self->text, (char)c);
    }
  g_string_append (self->text, "\"\n");
}

void
lk_toml_writer_int (LkTomlWriter *self,
                    const char   *key,
                    gint64        value)
{
  g_return_if_fail (self != NULL && key != NULL);

  start_key (self, key);
  g_string_append_printf (self->text, "%" G_GINT64_FORMAT "\n", value);
}

void
lk_toml_writer_double (LkTomlWriter *self,
                       const char   *key,
                       double        value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (self != NULL && key != NULL);
  g_return_if_fail (isfinite (value));

  start_key (self, key);
  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (self->text, buffer);
  /* "1" would be an integer to TOML */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (self->text, ".0");
  g_string_append_c (self->text, '\n');
}

void
lk_toml_writer_bool (LkTomlWriter *self,
                     const char   *key,
                     gboolean      value)
{
  g_return_if_fail (self != NULL && key != NULL);

  start_key (self, key);
  g_string_append (self->text, value ? "true\n" : "false\n");
}

const char *
lk_toml_writer_get_text (LkTomlWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text->str;
}
