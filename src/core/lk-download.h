/* lk-download.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * LK_DOWNLOAD_MAX_NAME:
 *
 * The longest file or folder name, in bytes, that Lorakeet writes for a server-supplied name
 * (file systems allow 255; the rest is room for the temporary suffix of an atomic write).
 */
#define LK_DOWNLOAD_MAX_NAME 200

char     *lk_download_sanitize_name  (const char           *name,
                                     GError              **error);
char     *lk_download_server_key    (GUri                 *server);
char     *lk_download_dup_root      (void);
char     *lk_download_build_path    (const char           *root,
                                     const char           *server_key,
                                     const char           *folder_type,
                                     const char           *subfolder,
                                     const char           *filename,
                                     GError              **error);
char     *lk_download_resolve_shared (const char          *output_dir,
                                      const char          *folder_type,
                                      const char          *subfolder,
                                      const char          *filename,
                                      GError             **error);
void      lk_download_to_file_async (SoupSession          *session,
                                     SoupMessage          *message,
                                     const char           *path,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GFile    *lk_download_to_file_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
