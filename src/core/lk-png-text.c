/* lk-png-text.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-png-text"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "lk-png-text.h"

/* The PNG specification's CRC-32 (ISO 3309 polynomial, reflected), over type and data. */
guint32
_lk_png_crc32 (const guint8 *type,
               const guint8 *data,
               gsize         length)
{
  static gsize table_ready = 0;
  static guint32 table[256];
  guint32 crc = 0xffffffffu;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (guint k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }

  for (gsize i = 0; i < 4; i++)
    crc = table[(crc ^ type[i]) & 0xff] ^ (crc >> 8);
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffffu;
}

static char *
latin1_to_utf8 (const guint8 *bytes,
                gsize         length)
{
  GString *out = g_string_sized_new (length + length / 8 + 1);

  for (gsize i = 0; i < length; i++)
    {
      if (bytes[i] < 0x80)
        g_string_append_c (out, (char)bytes[i]);
      else
        g_string_append_unichar (out, bytes[i]);
    }

  return g_string_free (out, FALSE);
}

/* tEXt and zTXt are Latin-1 by the specification; Pillow (and so ComfyUI) writes UTF-8 into
 * them. Bytes that form valid UTF-8 are almost never meant as Latin-1, so prefer UTF-8. */
static char *
decode_latin1_text (const guint8  *bytes,
                    gsize          length,
                    char         **warning)
{
  const guint8 *nul = memchr (bytes, '\0', length);

  if (nul != NULL)
    {
      *warning = g_strdup (_("A text chunk holds a NUL byte; its text was cut there."));
      length = nul - bytes;
    }

  if (g_utf8_validate ((const char *)bytes, length, NULL))
    return g_strndup ((const char *)bytes, length);

  return latin1_to_utf8 (bytes, length);
}

/* A keyword is 1–79 printable Latin-1 characters followed by a NUL. Returns its length, or
 * 0 when there is none. */
static gsize
keyword_length (const guint8 *data,
                gsize         length)
{
  gsize i;

  for (i = 0; i < length && i < 80; i++)
    {
      guint8 c = data[i];

      if (c == '\0')
        break;
      if (c < 32 || (c > 126 && c < 161))
        return 0;
    }

  if (i == 0 || i >= 80 || i == length)
    return 0;

  return i;
}

static gboolean
inflate_text (const guint8  *input,
              gsize          length,
              gsize          max_text,
              gsize         *inflated,
              GByteArray   **output,
              char         **warning)
{
  g_autoptr(GConverter) decompressor = NULL;
  g_autoptr(GByteArray) out = NULL;
  gsize in_pos = 0;

  decompressor = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
  out = g_byte_array_new ();

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint8 buffer[16384];
      gsize n_read = 0, n_written = 0;
      GConverterResult result;

      result = g_converter_convert (decompressor, input + in_pos, length - in_pos,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &n_read, &n_written, &error);

      if (result == G_CONVERTER_ERROR)
        {
          g_debug ("Compressed PNG text: %s", error->message);
          *warning = g_strdup (_("A compressed text chunk is damaged and was ignored."));
          return FALSE;
        }

      in_pos += n_read;
      *inflated += n_written;

      if (n_written > max_text - out->len)
        {
          *warning = g_strdup (_("A compressed text chunk is too large once uncompressed and "
                                 "was ignored."));
          return FALSE;
        }
      g_byte_array_append (out, buffer, n_written);

      if (result == G_CONVERTER_FINISHED)
        break;

      if (n_read == 0 && n_written == 0)
        {
          *warning = g_strdup (_("A compressed text chunk is damaged and was ignored."));
          return FALSE;
        }
    }

  *output = g_steal_pointer (&out);
  return TRUE;
}

gboolean
_lk_png_text_decode (const char    *type,
                     const guint8  *data,
                     gsize          length,
                     gsize          max_text,
                     gsize         *inflated,
                     char         **keyword,
                     char         **text,
                     char         **warning)
{
  g_autoptr(GByteArray) decompressed = NULL;
  const guint8 *body;
  gsize body_length;
  gsize key_len;

  g_assert (inflated != NULL && keyword != NULL && text != NULL && warning != NULL);

  *keyword = *text = *warning = NULL;
  *inflated = 0;

  if (!(key_len = keyword_length (data, length)))
    {
      *warning = g_strdup_printf (_("A %s text chunk has no valid keyword and was ignored."), type);
      return FALSE;
    }

  body = data + key_len + 1;
  body_length = length - key_len - 1;

  if (strcmp (type, "tEXt") == 0)
    {
      if (body_length > max_text)
        goto too_large;

      *text = decode_latin1_text (body, body_length, warning);
    }
  else if (strcmp (type, "zTXt") == 0)
    {
      if (body_length < 1 || body[0] != 0)
        goto malformed;
      if (!inflate_text (body + 1, body_length - 1, max_text, inflated, &decompressed, warning))
        return FALSE;

      *text = decode_latin1_text (decompressed->data, decompressed->len, warning);
    }
  else if (strcmp (type, "iTXt") == 0)
    {
      const guint8 *language, *translated, *end = body + body_length;
      gboolean compressed;

      if (body_length < 2 || body[0] > 1 || body[1] != 0)
        goto malformed;
      compressed = body[0] == 1;

      language = body + 2;
      if (!(translated = memchr (language, '\0', end - language)))
        goto malformed;
      translated++;
      if (!(body = memchr (translated, '\0', end - translated)))
        goto malformed;
      body++;
      body_length = end - body;

      if (compressed)
        {
          if (!inflate_text (body, body_length, max_text, inflated, &decompressed, warning))
            return FALSE;
          body = decompressed->data;
          body_length = decompressed->len;
        }
      else if (body_length > max_text)
        goto too_large;

      if (g_utf8_validate ((const char *)body, body_length, NULL))
        *text = g_strndup ((const char *)body, body_length);
      else
        {
          *text = g_utf8_make_valid ((const char *)body, body_length);
          *warning = g_strdup (_("An international text chunk is not valid UTF-8; the invalid "
                                 "bytes were replaced."));
        }
    }
  else
    g_assert_not_reached ();

  *keyword = latin1_to_utf8 (data, key_len);
  return TRUE;

malformed:
  *warning = g_strdup_printf (_("A %s text chunk is malformed and was ignored."), type);
  return FALSE;

too_large:
  *warning = g_strdup (_("A text chunk is too large and was ignored."));
  return FALSE;
}
