/* lk-download.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Downloads of server files into Lorakeet's cache.
 *
 * The names come from the server: a file name, a subfolder (with the server's separators) and
 * a folder type. None of them is trusted. Each path component is checked and cleaned on its
 * own (no `..`, no absolute paths, no NUL or control characters, no over-long names), the
 * result is checked once more with lk_paths_is_inside(), and the file is written under a
 * temporary name and renamed into place, so a half-finished download never looks complete.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-comfy-error.h"
#include "lk-download.h"
#include "lk-paths.h"

#define MAX_DEPTH 16

static gboolean
fail_unsafe (GError    **error,
             const char *name,
             const char *why)
{
  g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 120));

  g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNSAFE_NAME,
               _("The server named a file “%s”, which Lorakeet will not write (%s)"),
               shown, why);
  return FALSE;
}

/* Cuts @name to at most LK_DOWNLOAD_MAX_NAME bytes on a character boundary, keeping a short
 * extension so the file still opens with the right program. */
static char *
shorten (const char *name)
{
  size_t len = strlen (name);
  const char *dot = strrchr (name, '.');
  size_t ext_len = dot ? strlen (dot) : 0;
  g_autoptr(GString) out = NULL;
  const char *end;
  size_t budget;

  if (len <= LK_DOWNLOAD_MAX_NAME)
    return g_strdup (name);

  if (ext_len > 16 || dot == name)
    ext_len = 0;

  budget = LK_DOWNLOAD_MAX_NAME - ext_len;
  end = name;
  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if ((size_t) (next - name) > budget)
        break;
      end = next;
    }

  out = g_string_new_len (name, end - name);
  if (ext_len > 0)
    g_string_append (out, name + len - ext_len);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lk_download_sanitize_name:
 * @name: one file or folder name from a server
 * @error: return location for a #GError
 *
 * Checks one path component a server supplied and returns a name that is safe to create inside
 * a folder: it is refused if it is empty, `.` or `..`, not UTF-8, or holds a separator, a NUL
 * (read as U+FFFD) or another control character; a leading dot becomes `_` (no hidden files);
 * a name longer than %LK_DOWNLOAD_MAX_NAME bytes is shortened, keeping its extension.
 *
 * Returns: (transfer full) (nullable): the safe name, or %NULL with @error set to
 *   %LK_COMFY_ERROR_UNSAFE_NAME
 */
char *
lk_download_sanitize_name (const char  *name,
                           GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (*name == '\0')
    return fail_unsafe (error, name, _("the name is empty")), NULL;

  if (!g_utf8_validate (name, -1, NULL))
    return fail_unsafe (error, name, _("the name is not valid text")), NULL;

  if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    return fail_unsafe (error, name, _("it points at a folder above")), NULL;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\')
        return fail_unsafe (error, name, _("it contains a folder separator")), NULL;
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfffd)
        return fail_unsafe (error, name, _("it contains a control character")), NULL;
    }

  clean = shorten (name);
  if (clean[0] == '.')
    clean[0] = '_';

  return g_steal_pointer (&clean);
}

/**
 * lk_download_server_key:
 * @server: a server's base URI
 *
 * The cache folder name for a server: its host and port, reduced to letters, digits, `.`, `-`
 * and `_` (`127.0.0.1_8188`, `__1_8188` for `[::1]:8188`).
 *
 * Returns: (transfer full): the folder name
 */
char *
lk_download_server_key (GUri *server)
{
  const char *host;
  GString *key;
  int port;

  g_return_val_if_fail (server != NULL, NULL);

  host = g_uri_get_host (server);
  port = g_uri_get_port (server);
  if (port < 0)
    port = g_str_equal (g_uri_get_scheme (server), "https") ? 443 : 80;

  key = g_string_new (host ? host : "server");
  g_string_append_printf (key, "_%d", port);

  for (gsize i = 0; i < key->len; i++)
    {
      char c = key->str[i];

      if (!g_ascii_isalnum (c) && c != '.' && c != '-' && c != '_')
        key->str[i] = '_';
    }

  /* "." and ".." must not survive as the whole key */
  if (key->str[0] == '.')
    key->str[0] = '_';

  return g_string_free (key, FALSE);
}

/**
 * lk_download_dup_root:
 *
 * Returns: (transfer full): where downloads go: `lk_paths_dup_cache_dir()/downloads`
 */
char *
lk_download_dup_root (void)
{
  g_autofree char *cache = lk_paths_dup_cache_dir ();

  return g_build_filename (cache, "downloads", NULL);
}

static gboolean
is_windows_drive (const char *s)
{
  return g_ascii_isalpha (s[0]) && s[1] == ':';
}

/* Adds a server-supplied component to @parts. With @exact, a name that would need cleaning
 * is refused instead: it must match a real file. */
static gboolean
add_component (GPtrArray   *parts,
               const char  *name,
               gboolean     exact,
               GError     **error)
{
  char *clean = lk_download_sanitize_name (name, error);

  if (clean == NULL)
    return FALSE;

  if (exact && !g_str_equal (clean, name))
    {
      g_free (clean);
      return fail_unsafe (error, name, _("it is not a plain file name"));
    }

  g_ptr_array_add (parts, clean);
  return TRUE;
}

/* root/prefix…/subfolder…/filename, every server-supplied part checked */
static char *
build_under (const char          *root,
             const char * const  *prefix,
             const char          *subfolder,
             const char          *filename,
             gboolean             exact,
             GError             **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) sub_parts = NULL;
  g_autofree char *sub_copy = NULL;
  g_autofree char *path = NULL;
  const char *last_sep;

  g_ptr_array_add (parts, g_strdup (root));
  for (guint i = 0; prefix[i] != NULL; i++)
    g_ptr_array_add (parts, g_strdup (prefix[i]));

  if (subfolder != NULL && *subfolder != '\0')
    {
      guint depth = 0;

      if (subfolder[0] == '/' || subfolder[0] == '\\' || is_windows_drive (subfolder))
        return fail_unsafe (error, subfolder, _("it is an absolute path")), NULL;

      sub_copy = g_strdup (subfolder);
      g_strdelimit (sub_copy, "\\", '/');
      sub_parts = g_strsplit (sub_copy, "/", -1);

      for (guint i = 0; sub_parts[i] != NULL; i++)
        {
          if (sub_parts[i][0] == '\0' || g_str_equal (sub_parts[i], "."))
            continue;
          if (g_str_equal (sub_parts[i], ".."))
            return fail_unsafe (error, subfolder, _("it points at a folder above")), NULL;
          if (++depth > MAX_DEPTH)
            return fail_unsafe (error, subfolder, _("it is nested too deeply")), NULL;
          if (!add_component (parts, sub_parts[i], exact, error))
            return NULL;
        }
    }

  if (filename[0] == '/' || filename[0] == '\\' || is_windows_drive (filename))
    return fail_unsafe (error, filename, _("it is an absolute path")), NULL;
  if (strstr (filename, "..") != NULL)
    return fail_unsafe (error, filename, _("it points at a folder above")), NULL;

  /* as the server's /view does: only the last component names the file */
  last_sep = strrchr (filename, '/');
  if (strrchr (filename, '\\') > last_sep)
    last_sep = strrchr (filename, '\\');
  if (!add_component (parts, last_sep ? last_sep + 1 : filename, exact, error))
    return NULL;
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **) parts->pdata);

  /* the checks above should make this impossible; it is the last line of defence */
  if (!lk_paths_is_inside (root, path))
    return fail_unsafe (error, filename, _("it would land outside the folder")), NULL;

  return g_steal_pointer (&path);
}

/**
 * lk_download_build_path:
 * @root: an absolute folder, usually lk_download_dup_root()
 * @server_key: the server's folder name, from lk_download_server_key()
 * @folder_type: (nullable): the server's folder type: `output` (the default), `temp` or `input`
 * @subfolder: (nullable): the server's subfolder, with `/` or `\` separators
 * @filename: the server's file name
 * @error: return location for a #GError
 *
 * Where a server file is stored locally: `root/server_key/folder_type/subfolder…/filename`.
 * Every component is checked with lk_download_sanitize_name(); a subfolder that is absolute or
 * climbs with `..` is refused; a file name is reduced to its last component as the server's
 * `/view` does, but refused if it contains `..` or starts with a separator (the server refuses
 * those too). The result is always inside @root.
 *
 * Returns: (transfer full) (nullable): the local path, or %NULL with @error set to
 *   %LK_COMFY_ERROR_UNSAFE_NAME
 */
char *
lk_download_build_path (const char  *root,
                        const char  *server_key,
                        const char  *folder_type,
                        const char  *subfolder,
                        const char  *filename,
                        GError     **error)
{
  g_autofree char *key = NULL;
  const char *prefix[3];

  g_return_val_if_fail (root != NULL && g_path_is_absolute (root), NULL);
  g_return_val_if_fail (server_key != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  if (folder_type == NULL || *folder_type == '\0')
    folder_type = "output";
  if (!g_str_equal (folder_type, "output") && !g_str_equal (folder_type, "temp")
      && !g_str_equal (folder_type, "input"))
    return fail_unsafe (error, folder_type, _("it is not a server folder")), NULL;

  if (!(key = lk_download_sanitize_name (server_key, error)))
    return NULL;

  prefix[0] = key;
  prefix[1] = folder_type;
  prefix[2] = NULL;

  return build_under (root, prefix, subfolder, filename, FALSE, error);
}

/**
 * lk_download_resolve_shared:
 * @output_dir: the server's output folder as this machine sees it (a shared or mounted folder)
 * @folder_type: (nullable): the server's folder type; only `output` (the default) is shared
 * @subfolder: (nullable): the server's subfolder
 * @filename: the server's file name
 * @error: return location for a #GError
 *
 * Where a server file is in a shared output folder, so it need not be downloaded. The same
 * checks as lk_download_build_path() apply, and since the name must match the real file, a
 * name that would need cleaning is refused rather than changed. Whether the file exists is not
 * checked.
 *
 * Returns: (transfer full) (nullable): the path inside @output_dir, or %NULL with @error set
 *   to %LK_COMFY_ERROR_UNSAFE_NAME, or %G_IO_ERROR_NOT_SUPPORTED for `temp` and `input` files
 */
char *
lk_download_resolve_shared (const char  *output_dir,
                            const char  *folder_type,
                            const char  *subfolder,
                            const char  *filename,
                            GError     **error)
{
  const char *prefix[] = { NULL };

  g_return_val_if_fail (output_dir != NULL && g_path_is_absolute (output_dir), NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  if (folder_type != NULL && *folder_type != '\0' && !g_str_equal (folder_type, "output"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only files of the server’s output folder are shared, not “%s”"), folder_type);
      return NULL;
    }

  return build_under (output_dir, prefix, subfolder, filename, TRUE, error);
}

typedef struct
{
  SoupMessage   *message;
  GFile         *file;
  GInputStream  *body;
} Download;

static void
download_free (gpointer data)
{
  Download *download = data;

  g_clear_object (&download->message);
  g_clear_object (&download->file);
  g_clear_object (&download->body);
  g_free (download);
}

static void
download_spliced_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_object_ref (download->file), g_object_unref);
}

static void
download_replaced_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!(out = g_file_replace_finish (G_FILE (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* GIO writes to a temporary file and renames it over the target on close */
  g_output_stream_splice_async (G_OUTPUT_STREAM (out), download->body,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                download_spliced_cb, g_object_ref (task));
}

static void
download_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!(download->body = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      g_task_return_new_error (task, LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE,
                               _("Could not download the file: %s"), error->message);
      return;
    }

  status = soup_message_get_status (download->message);
  if (status != SOUP_STATUS_OK)
    {
      g_autoptr(GError) status_error = lk_comfy_error_from_http_status (status, "/view");

      g_input_stream_close_async (download->body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&status_error));
      return;
    }

  parent = g_file_get_parent (download->file);
  if (!g_file_make_directory_with_parents (parent, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_file_replace_async (download->file, NULL, FALSE,
                        G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                        G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                        download_replaced_cb, g_object_ref (task));
}

/**
 * lk_download_to_file_async:
 * @session: the session to send @message with
 * @message: a GET request
 * @path: where to store the body; it must come from lk_download_build_path()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is complete
 * @user_data: data for @callback
 *
 * Streams the answer to @message into @path, creating its folders. The file appears only once
 * complete. A status other than 200 is an error and writes nothing.
 */
void
lk_download_to_file_async (SoupSession         *session,
                           SoupMessage         *message,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Download *download;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (path != NULL && g_path_is_absolute (path));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_download_to_file_async);

  download = g_new0 (Download, 1);
  download->message = g_object_ref (message);
  download->file = g_file_new_for_path (path);
  g_task_set_task_data (task, download, download_free);

  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                           download_sent_cb, g_steal_pointer (&task));
}

/**
 * lk_download_to_file_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the downloaded file
 */
GFile *
lk_download_to_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
