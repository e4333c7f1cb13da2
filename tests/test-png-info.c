/* test-png-info.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "lk-png-info.h"

/* What ComfyUI's SaveImage node writes, in miniature. */
#define PROMPT_JSON \
  "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 42, \"steps\": 20}}, " \
  "\"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\": \"mei_working_v1.safetensors\", " \
  "\"strength_model\": 0.8}}}"
#define WORKFLOW_JSON "{\"last_node_id\": 10, \"nodes\": [], \"links\": []}"

/* An independent CRC-32 (bit by bit), so the tests do not trust the parser's table. */
static guint32
crc32_bitwise (const guint8 *data,
               gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (guint k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }

  return ~crc;
}

static void
append_be32 (GByteArray *png,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (png, bytes, 4);
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const void   *data,
              gsize         length)
{
  guint start;

  append_be32 (png, length);
  start = png->len;
  g_byte_array_append (png, (const guint8 *)type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  append_be32 (png, crc32_bitwise (png->data + start, length + 4));
}

static GByteArray *
new_png (guint32 width,
         guint32 height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };

  g_byte_array_append (png, signature, 8);
  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 2;   /* RGB */
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);

  return png;
}

static GBytes *
zlib_compress (const void *data,
               gsize       length)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_pos = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint8 buffer[65536];
      gsize n_read = 0, n_written = 0;
      GConverterResult result;

      result = g_converter_convert (compressor, (const guint8 *)data + in_pos, length - in_pos,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &n_read, &n_written, &error);
      g_assert_no_error (error);
      in_pos += n_read;
      g_byte_array_append (out, buffer, n_written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A text chunk body: keyword, NUL, then @rest. */
static GByteArray *
text_body (const char *keyword,
           const void *rest,
           gsize       rest_length)
{
  GByteArray *body = g_byte_array_new ();

  g_byte_array_append (body, (const guint8 *)keyword, strlen (keyword) + 1);
  g_byte_array_append (body, rest, rest_length);

  return body;
}

static void
append_idat_and_iend (GByteArray *png)
{
  static const guint8 idat[] = { 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01 };

  append_chunk (png, "IDAT", idat, sizeof idat);
  append_chunk (png, "IEND", NULL, 0);
}

static LkPngInfo *
parse_array (GByteArray  *png,
             GError     **error)
{
  return lk_png_info_parse (png->data, png->len, error);
}

static char *
write_temp_file (const char *name,
                 const void *data,
                 gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return path;
}

static const guint8 *
find_bytes (const char *haystack,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return (const guint8 *)haystack + i;

  return NULL;
}

static guint
n_warnings (LkPngInfo *info)
{
  return g_strv_length ((char **)lk_png_info_get_warnings (info));
}

static void
test_pixbuf_comfyui_chunks (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(LkPngInfo) from_memory = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "anime_image_00001_.png", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) keys = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error,
                   "tEXt::prompt", PROMPT_JSON, "tEXt::workflow", WORKFLOW_JSON, NULL);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  info = lk_png_info_load (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (lk_png_info_get_width (info), ==, 64);
  g_assert_cmpuint (lk_png_info_get_height (info), ==, 48);
  g_assert_cmpuint (lk_png_info_get_bit_depth (info), ==, 8);
  g_assert_cmpuint (lk_png_info_get_color_type (info), ==, 6);
  g_assert_cmpstr (lk_png_info_get_text (info, "prompt"), ==, PROMPT_JSON);
  g_assert_cmpstr (lk_png_info_get_text (info, "workflow"), ==, WORKFLOW_JSON);
  g_assert_null (lk_png_info_get_text (info, "Prompt"));
  g_assert_cmpuint (n_warnings (info), ==, 0);

  keys = lk_png_info_dup_keys (info);
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  g_assert_cmpstr (keys[0], ==, "prompt");
  g_assert_cmpstr (keys[1], ==, "workflow");

  /* The same bytes from memory give the same answer. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  from_memory = lk_png_info_parse ((const guint8 *)contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_png_info_get_text (from_memory, "prompt"), ==, PROMPT_JSON);

  g_unlink (path);
}

static void
test_pixbuf_non_latin1_text (void)
{
  const char *latin1 = "{\"text\": \"café, naïve\"}";
  const char *japanese = "{\"text\": \"小林メイ, 黒髪\"}";
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPngInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* GdkPixbuf writes Latin-1 text as tEXt (in Latin-1) and anything else as iTXt. */
  gdk_pixbuf_fill (pixbuf, 0);
  gdk_pixbuf_save_to_buffer (pixbuf, &contents, &length, "png", &error,
                             "tEXt::latin", latin1, "tEXt::japanese", japanese, NULL);
  g_assert_no_error (error);

  info = lk_png_info_parse ((const guint8 *)contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_png_info_get_text (info, "latin"), ==, latin1);
  g_assert_cmpstr (lk_png_info_get_text (info, "japanese"), ==, japanese);
  g_assert_nonnull (find_bytes (contents, length, "iTXt"));
}

static void
test_text_encodings (void)
{
  g_autoptr(GByteArray) png = new_png (8, 8);
  g_autoptr(GByteArray) utf8 = text_body ("utf8", "\xe5\xb0\x8f\xe6\x9e\x97", 6);
  g_autoptr(GByteArray) latin1 = text_body ("latin1", "caf\xe9", 4);
  g_autoptr(GByteArray) keyword = text_body ("Gr\xfc\xdf""e", "hello", 5);
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  append_chunk (png, "tEXt", utf8->data, utf8->len);
  append_chunk (png, "tEXt", latin1->data, latin1->len);
  append_chunk (png, "tEXt", keyword->data, keyword->len);
  append_idat_and_iend (png);

  info = parse_array (png, &error);
  g_assert_no_error (error);
  /* UTF-8 written into tEXt, as ComfyUI does, stays UTF-8; real Latin-1 is converted. */
  g_assert_cmpstr (lk_png_info_get_text (info, "utf8"), ==, "小林");
  g_assert_cmpstr (lk_png_info_get_text (info, "latin1"), ==, "café");
  g_assert_cmpstr (lk_png_info_get_text (info, "Grüße"), ==, "hello");
  g_assert_cmpuint (n_warnings (info), ==, 0);
}

static void
test_compressed_text (void)
{
  g_autoptr(GByteArray) png = new_png (8, 8);
  g_autoptr(GBytes) prompt_z = zlib_compress (PROMPT_JSON, strlen (PROMPT_JSON));
  g_autoptr(GBytes) workflow_z = zlib_compress (WORKFLOW_JSON, strlen (WORKFLOW_JSON));
  g_autoptr(GByteArray) ztxt = g_byte_array_new ();
  g_autoptr(GByteArray) itxt = g_byte_array_new ();
  g_autoptr(GByteArray) itxt_plain = g_byte_array_new ();
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  /* zTXt: keyword NUL method(0) data */
  g_byte_array_append (ztxt, (const guint8 *)"prompt\0\0", 8);
  g_byte_array_append (ztxt, g_bytes_get_data (prompt_z, NULL), g_bytes_get_size (prompt_z));
  /* iTXt: keyword NUL flag method language NUL translated NUL text */
  g_byte_array_append (itxt, (const guint8 *)"workflow\0\1\0ja\0\xe3\x83\x95\0", 18);
  g_byte_array_append (itxt, g_bytes_get_data (workflow_z, NULL), g_bytes_get_size (workflow_z));
  g_byte_array_append (itxt_plain, (const guint8 *)"title\0\0\0\0\0", 10);
  g_byte_array_append (itxt_plain, (const guint8 *)"\xe3\x83\xa1\xe3\x82\xa4", 6);

  append_chunk (png, "zTXt", ztxt->data, ztxt->len);
  append_chunk (png, "iTXt", itxt->data, itxt->len);
  append_chunk (png, "iTXt", itxt_plain->data, itxt_plain->len);
  append_idat_and_iend (png);

  info = parse_array (png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_png_info_get_text (info, "prompt"), ==, PROMPT_JSON);
  g_assert_cmpstr (lk_png_info_get_text (info, "workflow"), ==, WORKFLOW_JSON);
  g_assert_cmpstr (lk_png_info_get_text (info, "title"), ==, "メイ");
  g_assert_cmpuint (n_warnings (info), ==, 0);
}

static void
test_zlib_bomb_capped (void)
{
  gsize length = LK_PNG_INFO_MAX_TEXT_LENGTH + 1;
  g_autofree char *zeros = g_malloc0 (length);
  g_autoptr(GBytes) bomb = zlib_compress (zeros, length);
  g_autoptr(GByteArray) png = new_png (8, 8);
  g_autoptr(GByteArray) ztxt = g_byte_array_new ();
  g_autoptr(GByteArray) ok = text_body ("prompt", "{}", 2);
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (ztxt, (const guint8 *)"bomb\0\0", 6);
  g_byte_array_append (ztxt, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
  append_chunk (png, "zTXt", ztxt->data, ztxt->len);
  append_chunk (png, "tEXt", ok->data, ok->len);
  append_idat_and_iend (png);

  info = parse_array (png, &error);
  g_assert_no_error (error);
  g_assert_null (lk_png_info_get_text (info, "bomb"));
  g_assert_cmpstr (lk_png_info_get_text (info, "prompt"), ==, "{}");
  g_assert_cmpuint (n_warnings (info), ==, 1);
  g_clear_object (&info);

  /* Many bombs: the work over the whole file is bounded too; past the budget, text chunks
   * are skipped unread. */
  g_byte_array_set_size (png, 0);
  g_byte_array_unref (png);
  png = new_png (8, 8);
  for (guint i = 0; i < 4; i++)
    append_chunk (png, "zTXt", ztxt->data, ztxt->len);
  append_chunk (png, "tEXt", ok->data, ok->len);
  append_idat_and_iend (png);

  info = parse_array (png, &error);
  g_assert_no_error (error);
  g_assert_null (lk_png_info_get_text (info, "prompt"));
  g_assert_cmpuint (n_warnings (info), ==, 5);
  g_assert_nonnull (strstr (lk_png_info_get_warnings (info)[4], "skipped"));
}

static void
test_damaged_text_chunks_are_warnings (void)
{
  g_autoptr(GByteArray) png = new_png (8, 8);
  g_autoptr(GByteArray) good = text_body ("prompt", "{\"a\": 1}", 8);
  g_autoptr(GByteArray) bad = text_body ("workflow", "{}", 2);
  g_autoptr(GByteArray) duplicate = text_body ("prompt", "{\"b\": 2}", 8);
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  guint crc_offset;

  append_chunk (png, "tEXt", good->data, good->len);
  append_chunk (png, "tEXt", bad->data, bad->len);
  crc_offset = png->len - 1;
  append_chunk (png, "tEXt", duplicate->data, duplicate->len);
  append_chunk (png, "tEXt", "", 0);                            /* no keyword */
  append_chunk (png, "zTXt", "key\0\0garbage", 12);             /* not zlib */
  append_chunk (png, "iTXt", "key\0\0\0", 6);                   /* no translated keyword */
  append_idat_and_iend (png);
  png->data[crc_offset] ^= 0x01;

  info = parse_array (png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_png_info_get_text (info, "prompt"), ==, "{\"a\": 1}");
  g_assert_null (lk_png_info_get_text (info, "workflow"));
  g_assert_cmpuint (n_warnings (info), ==, 5);
  g_assert_nonnull (strstr (lk_png_info_get_warnings (info)[0], "checksum"));
}

static void
test_truncated_and_empty (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 32);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPngInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;
  const guint8 *idat;

  gdk_pixbuf_fill (pixbuf, 0x11223344);
  gdk_pixbuf_save_to_buffer (pixbuf, &contents, &length, "png", &error,
                             "tEXt::prompt", PROMPT_JSON, NULL);
  g_assert_no_error (error);
  idat = find_bytes (contents, length, "IDAT");
  g_assert_nonnull (idat);

  /* Cut inside the image data: the frame is still being written. */
  path = write_temp_file ("anime_image_00002_.png", contents, (idat - (guint8 *)contents) + 6);
  file = g_file_new_for_path (path);
  info = lk_png_info_load (file, NULL, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_TRUNCATED);
  g_assert_true (g_str_has_prefix (error->message, "anime_image_00002_.png is incomplete"));
  g_assert_null (info);
  g_clear_error (&error);

  /* Every shorter prefix, down to nothing, is truncated too, never anything worse. */
  for (gsize cut = 0; cut < length; cut++)
    {
      info = lk_png_info_parse ((const guint8 *)contents, cut, &error);
      g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_TRUNCATED);
      g_assert_null (info);
      g_clear_error (&error);
    }

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
  info = lk_png_info_load (file, NULL, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "is empty"));
  g_unlink (path);
}

static void
test_not_a_png (void)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPngInfo) info = NULL;

  info = lk_png_info_parse (jpeg, sizeof jpeg, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_NOT_PNG);
  g_clear_error (&error);

  info = lk_png_info_parse ((const guint8 *)"PNG", 3, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_NOT_PNG);
  g_assert_null (info);
}

static void
test_huge_header_only (void)
{
  g_autoptr(GByteArray) png = new_png (30000, 30000);
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  append_chunk (png, "IEND", NULL, 0);

  /* Only the header is read: no pixel buffer is ever made (ASan would catch 3.6 GB). */
  info = parse_array (png, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_png_info_get_width (info), ==, 30000);
  g_assert_cmpuint (lk_png_info_get_height (info), ==, 30000);
  g_assert_cmpuint (n_warnings (info), ==, 1);
}

static void
test_structure_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GByteArray) length_2_31 = new_png (8, 8);
  g_autoptr(GByteArray) bad_ihdr_crc = new_png (8, 8);
  g_autoptr(GByteArray) no_ihdr = g_byte_array_new ();
  g_autoptr(GByteArray) bad_type = new_png (8, 8);
  g_autoptr(GByteArray) bad_depth = new_png (8, 8);

  /* A chunk length of 2^31 is out of range by the specification. */
  append_be32 (length_2_31, 0x80000000u);
  g_byte_array_append (length_2_31, (const guint8 *)"tEXt", 4);
  g_byte_array_set_size (length_2_31, length_2_31->len + 64);
  info = parse_array (length_2_31, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_CORRUPT);
  g_clear_error (&error);

  append_idat_and_iend (bad_ihdr_crc);
  bad_ihdr_crc->data[8 + 8 + 13] ^= 0x80;
  info = parse_array (bad_ihdr_crc, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_CORRUPT);
  g_clear_error (&error);

  g_byte_array_append (no_ihdr, (const guint8 *)"\x89PNG\r\n\x1a\n", 8);
  append_idat_and_iend (no_ihdr);
  info = parse_array (no_ihdr, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_CORRUPT);
  g_clear_error (&error);

  append_chunk (bad_type, "ID#T", "x", 1);
  append_idat_and_iend (bad_type);
  info = parse_array (bad_type, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_CORRUPT);
  g_clear_error (&error);

  /* RGB at 4 bits per sample does not exist; fix the CRC so only the field is wrong. */
  bad_depth->data[8 + 8 + 8] = 4;
  {
    guint32 crc = crc32_bitwise (bad_depth->data + 8 + 4, 4 + 13);
    guint8 *p = bad_depth->data + 8 + 8 + 13;

    p[0] = crc >> 24; p[1] = crc >> 16; p[2] = crc >> 8; p[3] = crc;
  }
  append_idat_and_iend (bad_depth);
  info = parse_array (bad_depth, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_CORRUPT);
  g_assert_null (info);
}

/* Writes a 30000×30000 PNG whose IDAT claims 1.5 GB (a hole in a sparse file), with text
 * after it: loading must seek over the image data, never read it. */
static char *
write_sparse_png (void)
{
  g_autoptr(GByteArray) head = new_png (30000, 30000);
  g_autoptr(GByteArray) tail = g_byte_array_new ();
  g_autoptr(GByteArray) prompt = text_body ("prompt", PROMPT_JSON, strlen (PROMPT_JSON));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), "huge-text-after-idat.png", NULL);
  guint32 idat_length = 1500u * 1000u * 1000u;

  append_be32 (head, idat_length);
  g_byte_array_append (head, (const guint8 *)"IDAT", 4);

  append_be32 (tail, 0);                                  /* IDAT CRC, never checked */
  append_chunk (tail, "tEXt", prompt->data, prompt->len);
  append_chunk (tail, "IEND", NULL, 0);

  file = g_file_new_for_path (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (out), head->data, head->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_seekable_seek (G_SEEKABLE (out), idat_length, G_SEEK_CUR, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (out), tail->data, tail->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);

  return path;
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for an async load");
  return G_SOURCE_REMOVE;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  guint timeout_id = g_timeout_add_seconds (30, timeout_cb, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  return *slot;
}

static void
test_text_after_idat_async (void)
{
  g_autofree char *path = write_sparse_png ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(LkPngInfo) none = NULL;
  g_autoptr(GError) error = NULL;

  lk_png_info_load_async (file, NULL, store_result_cb, &result);
  info = lk_png_info_load_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_png_info_get_width (info), ==, 30000);
  g_assert_cmpstr (lk_png_info_get_text (info, "prompt"), ==, PROMPT_JSON);
  g_assert_cmpuint (n_warnings (info), ==, 0);

  g_cancellable_cancel (cancellable);
  lk_png_info_load_async (file, cancellable, store_result_cb, &cancelled_result);
  none = lk_png_info_load_finish (wait_for_result (&cancelled_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);

  g_unlink (path);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/lorakeet/frame.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPngInfo) info = NULL;

  info = lk_png_info_load (file, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (info);
}

static void
test_fixtures (void)
{
  static const struct { const char *name; const char *key; const char *prefix; } fixtures[] = {
    { "comfyui-frame.png", "prompt", "{\"3\": {\"inputs\"" },
    { "text-after-idat.png", "workflow", "{\"last_node_id\"" },
    { "ztxt-itxt.png", "parameters", "mei kobayashi, 1girl" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "png", fixtures[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(LkPngInfo) info = NULL;
      g_autoptr(GdkPixbufLoader) loader = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      info = lk_png_info_load (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (lk_png_info_get_text (info, fixtures[i].key), fixtures[i].prefix));
      g_assert_cmpuint (n_warnings (info), ==, 0);

      /* They are real PNGs: libpng agrees on the size. (The type is given: isolated test
       * dirs hide the MIME database that sniffing needs.) */
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      loader = gdk_pixbuf_loader_new_with_type ("png", &error);
      g_assert_no_error (error);
      gdk_pixbuf_loader_write (loader, (const guint8 *)contents, length, &error);
      g_assert_no_error (error);
      gdk_pixbuf_loader_close (loader, &error);
      g_assert_no_error (error);
      pixbuf = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, lk_png_info_get_width (info));
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, lk_png_info_get_height (info));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/png-info/pixbuf/comfyui-chunks-read", test_pixbuf_comfyui_chunks);
  g_test_add_func ("/png-info/pixbuf/non-latin1-text-read", test_pixbuf_non_latin1_text);
  g_test_add_func ("/png-info/text/utf8-and-latin1", test_text_encodings);
  g_test_add_func ("/png-info/text/compressed-inflated", test_compressed_text);
  g_test_add_func ("/png-info/text/zlib-bomb-capped", test_zlib_bomb_capped);
  g_test_add_func ("/png-info/text/damaged-chunks-are-warnings", test_damaged_text_chunks_are_warnings);
  g_test_add_func ("/png-info/errors/truncated-and-empty", test_truncated_and_empty);
  g_test_add_func ("/png-info/errors/not-a-png", test_not_a_png);
  g_test_add_func ("/png-info/errors/structure", test_structure_errors);
  g_test_add_func ("/png-info/errors/missing-file", test_missing_file);
  g_test_add_func ("/png-info/ihdr/huge-header-only", test_huge_header_only);
  g_test_add_func ("/png-info/load/text-after-idat-async", test_text_after_idat_async);
  g_test_add_func ("/png-info/load/fixtures", test_fixtures);

  return g_test_run ();
}
