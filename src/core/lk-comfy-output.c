/* lk-comfy-output.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-comfy-json.h"
#include "lk-comfy-output.h"
#include "lk-util.h"

/**
 * LkComfyOutput:
 *
 * One file a job produced, as the server names it: `filename`, `subfolder` and folder `type`
 * (`output`, `temp`), which together are what `/view` needs. `path` is set once the file is
 * known on this machine (a shared output folder, or a download into the cache).
 */
struct _LkComfyOutput
{
  GObject            parent_instance;

  char              *node_id;
  char              *filename;
  char              *subfolder;
  char              *folder_type;
  char              *format;
  char              *metadata_filename;
  char              *path;
  char              *url;
  LkComfyOutputKind  kind;
};

G_DEFINE_FINAL_TYPE (LkComfyOutput, lk_comfy_output, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LkComfyOutputKind, lk_comfy_output_kind,
  G_DEFINE_ENUM_VALUE (LK_COMFY_OUTPUT_IMAGE, "image"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_OUTPUT_VIDEO, "video"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_OUTPUT_AUDIO, "audio"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_OUTPUT_OTHER, "other"))

enum {
  PROP_0,
  PROP_NODE_ID,
  PROP_FILENAME,
  PROP_SUBFOLDER,
  PROP_FOLDER_TYPE,
  PROP_KIND,
  PROP_FORMAT,
  PROP_METADATA_FILENAME,
  PROP_PATH,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_comfy_output_finalize (GObject *object)
{
  LkComfyOutput *self = (LkComfyOutput *)object;

  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->subfolder, g_free);
  g_clear_pointer (&self->folder_type, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->metadata_filename, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (lk_comfy_output_parent_class)->finalize (object);
}

static void
lk_comfy_output_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkComfyOutput *self = LK_COMFY_OUTPUT (object);

  switch (prop_id)
    {
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_SUBFOLDER:
      g_value_set_string (value, self->subfolder);
      break;
    case PROP_FOLDER_TYPE:
      g_value_set_string (value, self->folder_type);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_METADATA_FILENAME:
      g_value_set_string (value, self->metadata_filename);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_comfy_output_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LkComfyOutput *self = LK_COMFY_OUTPUT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      lk_comfy_output_set_path (self, g_value_get_string (value));
      break;
    case PROP_URL:
      lk_comfy_output_set_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_comfy_output_class_init (LkComfyOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_comfy_output_finalize;
  object_class->get_property = lk_comfy_output_get_property;
  object_class->set_property = lk_comfy_output_set_property;

  properties[PROP_NODE_ID] = g_param_spec_string ("node-id", NULL, NULL, NULL, ro);
  properties[PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, NULL, ro);
  properties[PROP_SUBFOLDER] = g_param_spec_string ("subfolder", NULL, NULL, NULL, ro);
  properties[PROP_FOLDER_TYPE] = g_param_spec_string ("folder-type", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, LK_TYPE_COMFY_OUTPUT_KIND,
                                             LK_COMFY_OUTPUT_IMAGE, ro);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, ro);
  properties[PROP_METADATA_FILENAME] = g_param_spec_string ("metadata-filename", NULL, NULL,
                                                            NULL, ro);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, rw);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_comfy_output_init (LkComfyOutput *self)
{
}

/**
 * lk_comfy_output_new:
 * @node_id: (nullable): the node that produced the file
 * @filename: the server's file name
 * @subfolder: (nullable): the server's subfolder, "" for none
 * @folder_type: (nullable): `output`, `temp` or `input`; %NULL means `output`
 * @kind: what the file is
 *
 * Returns: (transfer full): a new output
 */
LkComfyOutput *
lk_comfy_output_new (const char        *node_id,
                     const char        *filename,
                     const char        *subfolder,
                     const char        *folder_type,
                     LkComfyOutputKind  kind)
{
  LkComfyOutput *self;

  g_return_val_if_fail (filename != NULL, NULL);

  self = g_object_new (LK_TYPE_COMFY_OUTPUT, NULL);
  self->node_id = g_strdup (node_id);
  self->filename = g_strdup (filename);
  self->subfolder = g_strdup (subfolder ? subfolder : "");
  self->folder_type = g_strdup (folder_type ? folder_type : "output");
  self->kind = kind;

  return self;
}

/**
 * lk_comfy_output_get_node_id:
 * @self: a #LkComfyOutput
 *
 * Returns: (transfer none) (nullable): the id of the node that reported the file
 */
const char *
lk_comfy_output_get_node_id (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->node_id;
}

/**
 * lk_comfy_output_get_filename:
 * @self: a #LkComfyOutput
 *
 * Returns: (transfer none): the file name exactly as the server reported it; never use it as a
 *   local path without lk_download_build_path()
 */
const char *
lk_comfy_output_get_filename (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->filename;
}

/**
 * lk_comfy_output_get_subfolder:
 * @self: a #LkComfyOutput
 *
 * Returns: (transfer none): the subfolder as the server reported it ("" for none), with the
 *   server's separators
 */
const char *
lk_comfy_output_get_subfolder (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->subfolder;
}

/**
 * lk_comfy_output_get_folder_type:
 * @self: a #LkComfyOutput
 *
 * Returns: (transfer none): `output`, `temp` or `input`
 */
const char *
lk_comfy_output_get_folder_type (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->folder_type;
}

/**
 * lk_comfy_output_get_kind:
 * @self: a #LkComfyOutput
 *
 * Returns: whether the file is an image, a video…
 */
LkComfyOutputKind
lk_comfy_output_get_kind (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), LK_COMFY_OUTPUT_OTHER);
  return self->kind;
}

/**
 * lk_comfy_output_get_format:
 * @self: a #LkComfyOutput
 *
 * Returns: (transfer none) (nullable): the format a video node reported (`video/h264-mp4`)
 */
const char *
lk_comfy_output_get_format (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->format;
}

/**
 * lk_comfy_output_get_metadata_filename:
 * @self: a #LkComfyOutput
 *
 * VideoHelperSuite saves the first frame of a video as a PNG carrying the workflow, next to the
 * video in the same folder.
 *
 * Returns: (transfer none) (nullable): that PNG's file name
 */
const char *
lk_comfy_output_get_metadata_filename (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->metadata_filename;
}

/**
 * lk_comfy_output_get_path:
 * @self: a #LkComfyOutput
 *
 * Returns: (transfer none) (nullable): the file on this machine, once known
 */
const char *
lk_comfy_output_get_path (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->path;
}

/**
 * lk_comfy_output_set_path:
 * @self: a #LkComfyOutput
 * @path: (nullable): the file on this machine
 */
void
lk_comfy_output_set_path (LkComfyOutput *self,
                          const char    *path)
{
  g_return_if_fail (LK_IS_COMFY_OUTPUT (self));

  if (lk_set_str (&self->path, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/**
 * lk_comfy_output_get_url:
 * @self: a #LkComfyOutput
 *
 * Returns: (transfer none) (nullable): the `/view` URL the file can be fetched from
 */
const char *
lk_comfy_output_get_url (LkComfyOutput *self)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  return self->url;
}

/**
 * lk_comfy_output_set_url:
 * @self: a #LkComfyOutput
 * @url: (nullable): the `/view` URL
 */
void
lk_comfy_output_set_url (LkComfyOutput *self,
                         const char    *url)
{
  g_return_if_fail (LK_IS_COMFY_OUTPUT (self));

  if (lk_set_str (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/**
 * lk_comfy_output_build_view_url:
 * @self: a #LkComfyOutput
 * @server_url: the server's base URL (`http://host:8188`, or with a path behind a proxy)
 *
 * The `/view` URL of the file, with every name percent-encoded.
 *
 * Returns: (transfer full): the URL
 */
char *
lk_comfy_output_build_view_url (LkComfyOutput *self,
                                const char    *server_url)
{
  g_autofree char *filename = NULL;
  g_autofree char *subfolder = NULL;
  g_autofree char *type = NULL;
  gsize len;

  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  filename = g_uri_escape_string (self->filename, NULL, FALSE);
  subfolder = g_uri_escape_string (self->subfolder, NULL, FALSE);
  type = g_uri_escape_string (self->folder_type, NULL, FALSE);

  len = strlen (server_url);
  while (len > 0 && server_url[len - 1] == '/')
    len--;

  return g_strdup_printf ("%.*s/view?filename=%s&subfolder=%s&type=%s",
                          (int) len, server_url, filename, subfolder, type);
}

/**
 * lk_comfy_output_same_file:
 * @self: a #LkComfyOutput
 * @other: another
 *
 * Whether both name the same server file (the same file arrives in `executed` and again in the
 * history).
 *
 * Returns: %TRUE for the same folder type, subfolder and file name
 */
gboolean
lk_comfy_output_same_file (LkComfyOutput *self,
                           LkComfyOutput *other)
{
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (self), FALSE);
  g_return_val_if_fail (LK_IS_COMFY_OUTPUT (other), FALSE);

  return g_str_equal (self->filename, other->filename)
         && g_str_equal (self->subfolder, other->subfolder)
         && g_str_equal (self->folder_type, other->folder_type);
}

/**
 * lk_comfy_output_kind_to_string:
 * @kind: a kind
 *
 * Returns: (transfer none): `image`, `video`, `audio` or `other`, as the catalog and the CLI
 *   write it
 */
const char *
lk_comfy_output_kind_to_string (LkComfyOutputKind kind)
{
  switch (kind)
    {
    case LK_COMFY_OUTPUT_IMAGE:
      return "image";
    case LK_COMFY_OUTPUT_VIDEO:
      return "video";
    case LK_COMFY_OUTPUT_AUDIO:
      return "audio";
    case LK_COMFY_OUTPUT_OTHER:
    default:
      return "other";
    }
}

static gboolean
has_video_extension (const char *filename)
{
  static const char * const video[] = {
    ".mp4", ".webm", ".mkv", ".mov", ".avi", ".gif", ".m4v", NULL
  };
  const char *dot = strrchr (filename, '.');

  if (dot == NULL)
    return FALSE;

  for (guint i = 0; video[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (dot, video[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_image_extension (const char *filename)
{
  static const char * const image[] = { ".png", ".jpg", ".jpeg", ".webp", ".bmp", NULL };
  const char *dot = strrchr (filename, '.');

  if (dot == NULL)
    return FALSE;

  for (guint i = 0; image[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (dot, image[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
ui_is_animated (JsonObject *ui)
{
  JsonArray *animated = lk_comfy_json_get_array (ui, "animated");

  if (animated == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (animated); i++)
    {
      JsonNode *node = json_array_get_element (animated, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
          && json_node_get_boolean (node))
        return TRUE;
    }

  return FALSE;
}

static LkComfyOutputKind
kind_for (const char *key,
          const char *filename,
          gboolean    animated)
{
  if (g_str_equal (key, "gifs"))
    /* VideoHelperSuite reports every format here, and a still first frame never */
    return has_image_extension (filename) && !g_str_has_suffix (filename, ".webp")
           ? LK_COMFY_OUTPUT_IMAGE : LK_COMFY_OUTPUT_VIDEO;

  if (g_str_equal (key, "images"))
    return animated || has_video_extension (filename) ? LK_COMFY_OUTPUT_VIDEO
                                                      : LK_COMFY_OUTPUT_IMAGE;

  if (g_str_equal (key, "audio"))
    return LK_COMFY_OUTPUT_AUDIO;

  if (g_str_equal (key, "video") || g_str_equal (key, "videos") || has_video_extension (filename))
    return LK_COMFY_OUTPUT_VIDEO;

  return has_image_extension (filename) ? LK_COMFY_OUTPUT_IMAGE : LK_COMFY_OUTPUT_OTHER;
}

/**
 * lk_comfy_outputs_from_ui:
 * @node_id: (nullable): the node whose UI dict this is
 * @ui: (nullable): a node's `ui` dict: `executed.output` on the WebSocket, or
 *   `outputs[node]` in the history
 *
 * Finds the files a node reported: `images` (SaveImage, PreviewImage; videos when the dict
 * says `animated: [true]`), `gifs` (VideoHelperSuite, for every video format), `audio`, and
 * any other key holding items with a `filename`. Items of other shapes (`text`,
 * `unfinished_batch`) are skipped.
 *
 * Returns: (transfer full) (element-type LkComfyOutput): the files, possibly none
 */
GPtrArray *
lk_comfy_outputs_from_ui (const char *node_id,
                          JsonObject *ui)
{
  GPtrArray *outputs = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean animated;
  GList *members;

  if (ui == NULL)
    return outputs;

  animated = ui_is_animated (ui);
  members = json_object_get_members (ui);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonArray *items = lk_comfy_json_get_array (ui, key);

      if (items == NULL)
        continue;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item_node = json_array_get_element (items, i);
          JsonObject *item;
          const char *filename;
          LkComfyOutput *output;

          if (!JSON_NODE_HOLDS_OBJECT (item_node))
            continue;

          item = json_node_get_object (item_node);
          filename = lk_comfy_json_get_string (item, "filename");
          if (filename == NULL || *filename == '\0')
            continue;

          output = lk_comfy_output_new (node_id, filename,
                                        lk_comfy_json_get_string (item, "subfolder"),
                                        lk_comfy_json_get_string (item, "type"),
                                        kind_for (key, filename, animated));
          output->format = g_strdup (lk_comfy_json_get_string (item, "format"));
          output->metadata_filename = g_strdup (lk_comfy_json_get_string (item, "workflow"));
          g_ptr_array_add (outputs, output);
        }
    }

  g_list_free (members);

  return outputs;
}
