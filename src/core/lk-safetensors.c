/* lk-safetensors.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-safetensors"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-base-model.h"
#include "lk-file-task.h"
#include "lk-safetensors-private.h"

/* A safetensors header is three levels deep (header → tensor → shape); tag frequencies two.
 * json-glib's parser recurses once per level, so refuse absurd nesting before it sees it. */
#define MAX_JSON_DEPTH 64

struct _LkSafetensors
{
  GObject     parent_instance;

  /* Owned */
  JsonObject *metadata;     /* string members of __metadata__ only */
  GPtrArray  *tags;         /* LkTagCount, sorted most frequent first */

  guint64     file_size;
  guint64     header_length;
  guint       n_tensors;
  guint       inferred_dim; /* from the first lora_down tensor's shape */
};

G_DEFINE_FINAL_TYPE (LkSafetensors, lk_safetensors, G_TYPE_OBJECT)

G_DEFINE_QUARK (lk-safetensors-error-quark, lk_safetensors_error)

static void
lk_safetensors_finalize (GObject *object)
{
  LkSafetensors *self = (LkSafetensors *)object;

  g_clear_pointer (&self->metadata, json_object_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_safetensors_parent_class)->finalize (object);
}

static void
lk_safetensors_class_init (LkSafetensorsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_safetensors_finalize;
}

static void
lk_safetensors_init (LkSafetensors *self)
{
  self->metadata = json_object_new ();
  self->tags = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_tag_count_free);
}

/* Parsing */

/* Whether the JSON text nests arrays and objects at most @max_depth deep. Strings are
 * skipped, with their escapes; the text need not be valid JSON otherwise. */
static gboolean
json_depth_ok (const char *text,
               gsize       length,
               guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

static const char *
display_name_or_default (const char *name)
{
  return name != NULL ? name : _("This LoRA file");
}

/* json-glib turns a lone surrogate escape ("\ud800") into bytes that are not UTF-8, even in
 * valid JSON text: repair every string kept from the file. */
static char *
dup_valid_utf8 (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  return g_utf8_make_valid (text, -1);
}

/* Tensor names come from the file: keep them short in messages. */
static char *
dup_short_name (const char *name)
{
  g_autofree char *valid = dup_valid_utf8 (name);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= 80)
    return g_steal_pointer (&valid);

  start = g_utf8_substring (valid, 0, 79);
  return g_strconcat (start, "…", NULL);
}

static gboolean
dtype_size (const char *dtype,
            guint      *size)
{
  static const struct { const char *name; guint size; } dtypes[] = {
    { "F64", 8 }, { "F32", 4 }, { "F16", 2 }, { "BF16", 2 },
    { "I64", 8 }, { "I32", 4 }, { "I16", 2 }, { "I8", 1 },
    { "U64", 8 }, { "U32", 4 }, { "U16", 2 }, { "U8", 1 },
    { "BOOL", 1 }, { "F8_E4M3", 1 }, { "F8_E5M2", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dtypes); i++)
    if (strcmp (dtype, dtypes[i].name) == 0)
      {
        *size = dtypes[i].size;
        return TRUE;
      }

  return FALSE;
}

static gboolean
node_get_uint64 (JsonNode *node,
                 guint64  *value)
{
  gint64 v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  v = json_node_get_int (node);
  if (v < 0)
    return FALSE;

  *value = (guint64)v;
  return TRUE;
}

static gboolean
check_tensor (LkSafetensors  *self,
              const char     *display_name,
              const char     *tensor_name,
              JsonNode       *node,
              guint64         data_size,
              GError        **error)
{
  g_autofree char *short_name = NULL;
  JsonObject *tensor;
  JsonArray *offsets;
  JsonArray *shape = NULL;
  JsonNode *dtype_node;
  guint64 begin, end;
  guint64 n_elements = 1;
  gboolean shape_ok = TRUE;
  guint element_size;

  short_name = dup_short_name (tensor_name);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;

  tensor = json_node_get_object (node);

  if (!json_object_has_member (tensor, "data_offsets") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (tensor, "data_offsets")))
    goto invalid;

  offsets = json_object_get_array_member (tensor, "data_offsets");
  if (json_array_get_length (offsets) != 2 ||
      !node_get_uint64 (json_array_get_element (offsets, 0), &begin) ||
      !node_get_uint64 (json_array_get_element (offsets, 1), &end) ||
      begin > end)
    goto invalid;

  if (end > data_size)
    {
      g_autofree char *end_text = g_strdup_printf ("%" G_GUINT64_FORMAT, end);
      g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, data_size);

      /* Translators: the numbers are byte counts, given as strings. */
      g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED,
                   _("%s is truncated: the tensor “%s” ends at byte %s of the data but the "
                     "file has only %s bytes of data. Copy the file again."),
                   display_name, short_name, end_text, size_text);
      return FALSE;
    }

  if (json_object_has_member (tensor, "shape") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (tensor, "shape")))
    {
      shape = json_object_get_array_member (tensor, "shape");

      for (guint i = 0; i < json_array_get_length (shape); i++)
        {
          guint64 dim;

          if (!node_get_uint64 (json_array_get_element (shape, i), &dim) ||
              !g_uint64_checked_mul (&n_elements, n_elements, dim))
            {
              shape_ok = FALSE;
              break;
            }
        }
    }
  else
    shape_ok = FALSE;

  dtype_node = json_object_get_member (tensor, "dtype");
  if (!shape_ok || dtype_node == NULL || json_node_get_value_type (dtype_node) != G_TYPE_STRING)
    goto invalid;

  /* Newer dtypes than we know of are let through; known ones must match the byte count, as
   * the safetensors library (and so ComfyUI) requires. */
  if (dtype_size (json_node_get_string (dtype_node), &element_size))
    {
      guint64 n_bytes;

      if (!g_uint64_checked_mul (&n_bytes, n_elements, element_size) || n_bytes != end - begin)
        goto invalid;
    }

  if (self->inferred_dim == 0 && json_array_get_length (shape) >= 1 &&
      (g_str_has_suffix (tensor_name, ".lora_down.weight") ||
       g_str_has_suffix (tensor_name, ".lora_A.weight")))
    {
      guint64 rank = 0;

      node_get_uint64 (json_array_get_element (shape, 0), &rank);
      self->inferred_dim = (guint)MIN (rank, G_MAXUINT);
    }

  return TRUE;

invalid:
  g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_INVALID_TENSOR,
               _("%s is damaged: the entry for the tensor “%s” is invalid. Copy the file "
                 "again, or export the LoRA again from the training tool."),
               display_name, short_name);
  return FALSE;
}

static gboolean
read_metadata (LkSafetensors  *self,
               const char     *display_name,
               JsonNode       *node,
               GError        **error)
{
  JsonObjectIter iter;
  JsonObject *object;
  const char *key;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_INVALID_METADATA,
                   _("%s has damaged metadata: “__metadata__” is not a JSON object. Save the "
                     "LoRA again with its training tool."),
                   display_name);
      return FALSE;
    }

  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          g_autofree char *valid_key = dup_valid_utf8 (key);
          g_autofree char *valid_value = dup_valid_utf8 (json_node_get_string (value));

          json_object_set_string_member (self->metadata, valid_key, valid_value);
        }
      else
        g_debug ("%s: ignoring the non-string metadata value “%s”", display_name, key);
    }

  return TRUE;
}

static gint
compare_tag_counts (gconstpointer a,
                    gconstpointer b)
{
  const LkTagCount *ta = *(const LkTagCount * const *)a;
  const LkTagCount *tb = *(const LkTagCount * const *)b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;

  return strcmp (ta->tag, tb->tag);
}

static gboolean
tag_count_from_node (JsonNode *node,
                     guint    *count)
{
  double d;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      d = (double)json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      d = json_node_get_double (node);
      break;
    default:
      return FALSE;
    }

  if (!isfinite (d) || d < 0)
    return FALSE;

  *count = d >= (double)G_MAXUINT ? G_MAXUINT : (guint)d;
  return TRUE;
}

/* ss_tag_frequency: a JSON string {dataset dir → {tag → count}}. A broken one is only a
 * missing convenience, so problems here are logged, never errors. */
static void
read_tag_frequency (LkSafetensors *self,
                    const char    *display_name)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  JsonObjectIter datasets;
  JsonNode *root;
  const char *dataset;
  JsonNode *tags_node;
  GHashTableIter iter;
  gpointer key, value;

  text = lk_safetensors_get_metadata_value (self, "ss_tag_frequency");
  if (text == NULL)
    return;

  if (!json_depth_ok (text, strlen (text), MAX_JSON_DEPTH))
    {
      g_debug ("%s: ss_tag_frequency is nested too deeply", display_name);
      return;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, &error))
    {
      g_debug ("%s: ss_tag_frequency is not JSON: %s", display_name, error->message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  json_object_iter_init (&datasets, json_node_get_object (root));
  while (json_object_iter_next (&datasets, &dataset, &tags_node))
    {
      JsonObjectIter tags;
      const char *tag;
      JsonNode *count_node;

      if (!JSON_NODE_HOLDS_OBJECT (tags_node))
        continue;

      json_object_iter_init (&tags, json_node_get_object (tags_node));
      while (json_object_iter_next (&tags, &tag, &count_node))
        {
          g_autofree char *trimmed = g_strstrip (dup_valid_utf8 (tag));
          guint count;
          guint total;

          if (trimmed[0] == '\0' || !tag_count_from_node (count_node, &count))
            continue;

          total = GPOINTER_TO_UINT (g_hash_table_lookup (counts, trimmed));
          total = count > G_MAXUINT - total ? G_MAXUINT : total + count;
          g_hash_table_replace (counts, g_steal_pointer (&trimmed), GUINT_TO_POINTER (total));
        }
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (self->tags, lk_tag_count_new (key, GPOINTER_TO_UINT (value)));

  g_ptr_array_sort (self->tags, compare_tag_counts);
}

static LkSafetensors *
parse_header (const guint8  *data,
              gsize          length,
              guint64        file_size,
              const char    *name,
              GError       **error)
{
  g_autoptr(LkSafetensors) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  const char *display_name = display_name_or_default (name);
  const char *header;
  JsonObjectIter iter;
  JsonObject *root;
  JsonNode *root_node;
  const char *member;
  JsonNode *node;
  guint64 header_length;
  guint64 data_size;

  if (file_size < 8 || length < 8)
    {
      if (file_size == 0)
        g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED,
                     _("%s is empty. Copy the file again."), display_name);
      else
        {
          g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                        MIN (file_size, (guint64)length));

          g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED,
                       _("%s is truncated: it has only %s bytes. Copy the file again."),
                       display_name, size_text);
        }
      return NULL;
    }

  memcpy (&header_length, data, sizeof header_length);
  header_length = GUINT64_FROM_LE (header_length);

  if (header_length > LK_SAFETENSORS_MAX_HEADER_LENGTH)
    {
      g_autofree char *size = g_format_size (header_length);

      g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_HEADER_TOO_LARGE,
                   _("%s is not a LoRA file Lorakeet can read: its header would be %s, more "
                     "than the 100 MB allowed. Check that it is a safetensors file."),
                   display_name, size);
      return NULL;
    }

  if (header_length > file_size - 8 || header_length > length - 8)
    {
      g_autofree char *says = g_strdup_printf ("%" G_GUINT64_FORMAT, header_length + 8);
      g_autofree char *has = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              header_length > file_size - 8 ? file_size
                                                                            : (guint64)length);

      /* Translators: the numbers are byte counts, given as strings. */
      g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED,
                   _("%s is truncated: the header says %s bytes but the file has %s. Copy the "
                     "file again."),
                   display_name, says, has);
      return NULL;
    }

  header = (const char *)data + 8;

  if (header_length < 2 || header[0] != '{' ||
      !g_utf8_validate (header, header_length, NULL) ||
      !json_depth_ok (header, header_length, MAX_JSON_DEPTH))
    {
      g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_INVALID_HEADER,
                   _("%s is not a safetensors file: its header is not a JSON object. Check "
                     "that the file is a LoRA."),
                   display_name);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, header, header_length, &json_error))
    {
      g_debug ("%s: invalid JSON header: %s", display_name, json_error->message);
      g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_INVALID_HEADER,
                   _("%s is not a safetensors file: its header is not valid JSON. Check that "
                     "the file is a LoRA, or copy it again."),
                   display_name);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_INVALID_HEADER,
                   _("%s is not a safetensors file: its header is not a JSON object. Check "
                     "that the file is a LoRA."),
                   display_name);
      return NULL;
    }

  self = g_object_new (LK_TYPE_SAFETENSORS, NULL);
  self->file_size = file_size;
  self->header_length = header_length;
  data_size = file_size - 8 - header_length;

  root = json_node_get_object (root_node);
  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (strcmp (member, "__metadata__") == 0)
        {
          if (!read_metadata (self, display_name, node, error))
            return NULL;
          continue;
        }

      if (!check_tensor (self, display_name, member, node, data_size, error))
        return NULL;

      self->n_tensors++;
    }

  read_tag_frequency (self, display_name);

  return g_steal_pointer (&self);
}

LkSafetensors *
lk_safetensors_parse_header (const guint8  *data,
                             gsize          length,
                             guint64        file_size,
                             GError       **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_header (data, length, file_size, NULL, error);
}

/* Loading */

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

LkSafetensors *
lk_safetensors_load (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree guint8 *buffer = NULL;
  guint8 prefix[8];
  guint64 header_length;
  guint64 file_size;
  gsize n_read = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  if (!(info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                               cancellable, error)))
    return NULL;

  name = dup_display_name (file);
  file_size = (guint64)MAX (g_file_info_get_size (info), 0);

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), prefix, sizeof prefix, &n_read,
                                cancellable, error))
    return NULL;

  /* Checks the length field against the size before allocating anything. */
  if (n_read < sizeof prefix)
    return parse_header (prefix, n_read, MIN (file_size, n_read), name, error);

  memcpy (&header_length, prefix, sizeof header_length);
  header_length = GUINT64_FROM_LE (header_length);
  if (file_size < 8 || header_length > LK_SAFETENSORS_MAX_HEADER_LENGTH ||
      header_length > file_size - 8)
    return parse_header (prefix, sizeof prefix, file_size, name, error);

  buffer = g_malloc (8 + header_length);
  memcpy (buffer, prefix, sizeof prefix);

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer + 8, header_length, &n_read,
                                cancellable, error))
    return NULL;

  /* A file that shrank since its size was read is reported as truncated. */
  return parse_header (buffer, 8 + n_read, n_read < header_length ? 8 + n_read : file_size,
                       name, error);
}

void
lk_safetensors_load_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  lk_file_task_run (file, (LkFileReadFunc)lk_safetensors_load, g_object_unref, lk_safetensors_load_async,
                    cancellable, callback, user_data);
}

LkSafetensors *
lk_safetensors_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  return lk_file_task_finish (result, lk_safetensors_load_async, error);
}

/* Getters */

guint64
lk_safetensors_get_file_size (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  return self->file_size;
}

guint64
lk_safetensors_get_header_length (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  return self->header_length;
}

guint
lk_safetensors_get_n_tensors (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  return self->n_tensors;
}

JsonObject *
lk_safetensors_get_metadata (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  return self->metadata;
}

const char *
lk_safetensors_get_metadata_value (LkSafetensors *self,
                                   const char    *key)
{
  JsonNode *node;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(node = json_object_get_member (self->metadata, key)))
    return NULL;

  return json_node_get_string (node);
}

char *
lk_safetensors_metadata_to_json (LkSafetensors *self)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  root = json_node_init_object (json_node_alloc (), self->metadata);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

guint
_lk_safetensors_get_inferred_dim (LkSafetensors *self)
{
  g_assert (LK_IS_SAFETENSORS (self));

  return self->inferred_dim;
}

GPtrArray *
_lk_safetensors_get_tags (LkSafetensors *self)
{
  g_assert (LK_IS_SAFETENSORS (self));

  return self->tags;
}
