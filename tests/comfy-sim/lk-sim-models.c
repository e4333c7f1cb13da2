/* lk-sim-models.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-models"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "lk-sim-models.h"

#define MAX_DEPTH 16

typedef struct
{
  const char *key;
  const char *dirs[3];
  const char *extensions;   /* space-separated, NULL = the model extensions */
} FolderDef;

static const char *model_extensions = ".ckpt .pt .pt2 .bin .pth .safetensors .pkl .sft";

/* folder_paths.folder_names_and_paths of v0.3.64 plus the two custom-node folders. */
static const FolderDef folder_defs[] = {
  { "checkpoints", { "checkpoints" } },
  { "configs", { "configs" }, ".yaml" },
  { "loras", { "loras" } },
  { "vae", { "vae" } },
  { "text_encoders", { "text_encoders", "clip" } },
  { "diffusion_models", { "unet", "diffusion_models" } },
  { "clip_vision", { "clip_vision" } },
  { "style_models", { "style_models" } },
  { "embeddings", { "embeddings" } },
  { "diffusers", { "diffusers" }, "folder" },
  { "vae_approx", { "vae_approx" } },
  { "controlnet", { "controlnet", "t2i_adapter" } },
  { "gligen", { "gligen" } },
  { "upscale_models", { "upscale_models" } },
  { "hypernetworks", { "hypernetworks" } },
  { "photomaker", { "photomaker" } },
  { "classifiers", { "classifiers" }, "" },
  { "animatediff_models", { "animatediff_models" } },
  { "animatediff_motion_lora", { "animatediff_motion_lora" } },
};

static const char * const folder_keys[] = {
  "checkpoints", "configs", "loras", "vae", "text_encoders", "diffusion_models", "clip_vision",
  "style_models", "embeddings", "diffusers", "vae_approx", "controlnet", "gligen",
  "upscale_models", "hypernetworks", "photomaker", "classifiers", "animatediff_models",
  "animatediff_motion_lora", NULL
};

typedef struct
{
  GPtrArray  *names;    /* sorted relative paths */
  GHashTable *mtimes;   /* directory path → modification time (or -1 when it was missing) */
} FolderCache;

struct _LkSimModels
{
  GMutex      mutex;
  char       *models_dir;
  GHashTable *caches;   /* key → FolderCache */
};

static void
folder_cache_free (gpointer data)
{
  FolderCache *cache = data;

  g_ptr_array_unref (cache->names);
  g_hash_table_unref (cache->mtimes);
  g_free (cache);
}

/**
 * lk_sim_models_new:
 * @models_dir: the models directory (it need not exist)
 *
 * Returns: (transfer full): a new folder scanner
 */
LkSimModels *
lk_sim_models_new (const char *models_dir)
{
  LkSimModels *self = g_new0 (LkSimModels, 1);

  g_mutex_init (&self->mutex);
  self->models_dir = g_strdup (models_dir);
  self->caches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, folder_cache_free);
  return self;
}

void
lk_sim_models_free (LkSimModels *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->caches);
  g_free (self->models_dir);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/**
 * lk_sim_models_keys:
 * @self: a scanner
 *
 * Returns: (transfer none): the folder keys, in the order GET /models lists them
 */
const char * const *
lk_sim_models_keys (LkSimModels *self)
{
  return folder_keys;
}

static const FolderDef *
find_def (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (folder_defs); i++)
    if (g_strcmp0 (folder_defs[i].key, key) == 0)
      return &folder_defs[i];
  return NULL;
}

static gint64
dir_mtime (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    return -1;
  return (gint64)st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

static gboolean
extension_matches (const FolderDef *def,
                   const char      *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *lower = NULL;
  g_auto(GStrv) allowed = NULL;

  if (def->extensions != NULL && def->extensions[0] == '\0')
    return TRUE;
  if (dot == NULL || dot == name)
    return FALSE;

  lower = g_ascii_strdown (dot, -1);
  allowed = g_strsplit (def->extensions ? def->extensions : model_extensions, " ", -1);
  return g_strv_contains ((const char * const *)allowed, lower);
}

/* os.walk(followlinks=True) minus ".git" directories, recording every directory's mtime. */
static void
scan_dir (const FolderDef *def,
          const char      *root,
          const char      *relative,
          guint            depth,
          GPtrArray       *names,
          GHashTable      *mtimes)
{
  g_autofree char *path = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  g_hash_table_insert (mtimes, g_strdup (path), g_memdup2 (&(gint64){ dir_mtime (path) },
                                                           sizeof (gint64)));
  if (depth > MAX_DEPTH || !(dir = g_dir_open (path, 0, NULL)))
    return;

  while ((entry = g_dir_read_name (dir)))
    {
      g_autofree char *child_rel = relative ? g_build_filename (relative, entry, NULL)
                                            : g_strdup (entry);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (strcmp (entry, ".git") != 0)
            scan_dir (def, root, child_rel, depth + 1, names, mtimes);
        }
      else if (extension_matches (def, entry))
        g_ptr_array_add (names, g_steal_pointer (&child_rel));
    }
}

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
cache_is_fresh (FolderCache *cache)
{
  GHashTableIter iter;
  gpointer path, mtime;

  g_hash_table_iter_init (&iter, cache->mtimes);
  while (g_hash_table_iter_next (&iter, &path, &mtime))
    if (dir_mtime (path) != *(gint64 *)mtime)
      return FALSE;
  return TRUE;
}

static FolderCache *
lookup_locked (LkSimModels     *self,
               const FolderDef *def)
{
  FolderCache *cache = g_hash_table_lookup (self->caches, def->key);

  if (cache != NULL && cache_is_fresh (cache))
    return cache;

  cache = g_new0 (FolderCache, 1);
  cache->names = g_ptr_array_new_with_free_func (g_free);
  cache->mtimes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (def->dirs) && def->dirs[i]; i++)
    {
      g_autofree char *root = g_build_filename (self->models_dir, def->dirs[i], NULL);

      if (g_strcmp0 (def->extensions, "folder") == 0)
        {
          /* diffusers models are folders, listed by name */
          g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
          const char *entry;

          g_hash_table_insert (cache->mtimes, g_strdup (root),
                               g_memdup2 (&(gint64){ dir_mtime (root) }, sizeof (gint64)));
          while (dir && (entry = g_dir_read_name (dir)))
            g_ptr_array_add (cache->names, g_strdup (entry));
        }
      else
        scan_dir (def, root, NULL, 0, cache->names, cache->mtimes);
    }

  g_ptr_array_sort (cache->names, compare_names);
  /* several roots may list the same relative name: keep one, as a Python set() would */
  for (guint i = 1; i < cache->names->len; )
    if (strcmp (g_ptr_array_index (cache->names, i), g_ptr_array_index (cache->names, i - 1)) == 0)
      g_ptr_array_remove_index (cache->names, i);
    else
      i++;

  g_hash_table_replace (self->caches, (gpointer)def->key, cache);
  return cache;
}

/**
 * lk_sim_models_list:
 * @self: a scanner
 * @key: a folder key such as "loras"
 *
 * Returns: (transfer full) (nullable): the file names, or %NULL for an unknown key
 */
GPtrArray *
lk_sim_models_list (LkSimModels *self,
                    const char  *key)
{
  const FolderDef *def = find_def (key);
  GPtrArray *copy;
  FolderCache *cache;

  if (def == NULL)
    return NULL;

  g_mutex_lock (&self->mutex);
  cache = lookup_locked (self, def);
  copy = g_ptr_array_copy (cache->names, copy_string, NULL);
  g_ptr_array_set_free_func (copy, g_free);
  g_mutex_unlock (&self->mutex);

  return copy;
}

/**
 * lk_sim_models_find:
 * @self: a scanner
 * @key: a folder key
 * @name: a name from that folder's list
 *
 * Returns: (transfer full) (nullable): the absolute path of the file, if it exists now
 */
char *
lk_sim_models_find (LkSimModels *self,
                    const char  *key,
                    const char  *name)
{
  const FolderDef *def = find_def (key);

  if (def == NULL || name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (def->dirs) && def->dirs[i]; i++)
    {
      g_autofree char *path = g_build_filename (self->models_dir, def->dirs[i], name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/**
 * lk_sim_models_list_images:
 * @input_dir: the input directory
 *
 * Returns: (transfer full): the image files directly inside @input_dir, sorted, as
 *   LoadImage offers them
 */
GPtrArray *
lk_sim_models_list_images (const char *input_dir)
{
  static const char * const image_exts[] = {
    ".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", NULL
  };
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (input_dir, 0, NULL);
  const char *entry;

  while (dir && (entry = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (input_dir, entry, NULL);
      const char *dot = strrchr (entry, '.');
      g_autofree char *lower = dot ? g_ascii_strdown (dot, -1) : NULL;

      if (lower && g_strv_contains (image_exts, lower)
          && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (entry));
    }

  g_ptr_array_sort (names, compare_names);
  return names;
}
