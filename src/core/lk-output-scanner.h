/* lk-output-scanner.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-output-item.h"

G_BEGIN_DECLS

/**
 * LkFileCompleteness:
 * @LK_FILE_COMPLETENESS_UNKNOWN: the format has no end marker Lorakeet can check
 * @LK_FILE_COMPLETENESS_COMPLETE: the file's structure ends where the file ends
 * @LK_FILE_COMPLETENESS_INCOMPLETE: the file is cut short: still being written, or broken
 *
 * What the bytes of a file say about whether its writer has finished.
 */
typedef enum
{
  LK_FILE_COMPLETENESS_UNKNOWN,
  LK_FILE_COMPLETENESS_COMPLETE,
  LK_FILE_COMPLETENESS_INCOMPLETE,
} LkFileCompleteness;

/**
 * LkOutputBatch:
 * @items: (element-type LkOutputItem): the files found, sorted with lk_output_item_compare()
 * @incomplete: (element-type utf8): files modified in the last few seconds that look
 *   unfinished; the store watches them until they are complete
 * @directories: (element-type filename): the folders walked, the top one included
 * @problems: (element-type utf8): entries that could not be read, as "path: reason"
 *
 * One batch of a folder scan.
 */
typedef struct
{
  GPtrArray *items;
  GPtrArray *incomplete;
  GPtrArray *directories;
  GPtrArray *problems;
} LkOutputBatch;

/**
 * LkOutputProbe:
 * @path: the file probed
 * @exists: whether it exists (following symbolic links)
 * @is_directory: whether it is a folder
 * @kind: what it is; %LK_MEDIA_KIND_NONE for files the gallery does not show
 * @mtime: modification time in microseconds since the epoch
 * @size: size in bytes
 * @completeness: whether the file's structure looks finished
 *
 * What lk_output_probe() found out about one path.
 */
typedef struct
{
  char               *path;
  gboolean            exists;
  gboolean            is_directory;
  LkMediaKind        kind;
  gint64              mtime;
  goffset             size;
  LkFileCompleteness  completeness;
} LkOutputProbe;

/**
 * LkOutputBatchFunc:
 * @batch: (transfer full): the batch; free it with lk_output_batch_free()
 * @user_data: the data given to lk_output_scan()
 *
 * Receives a batch, in the scanning thread.
 */
typedef void (*LkOutputBatchFunc) (LkOutputBatch *batch,
                                   gpointer       user_data);

/**
 * lk_output_batch_free:
 * @batch: (transfer full): a batch
 *
 * Frees a batch and everything in it.
 */
void                lk_output_batch_free          (LkOutputBatch      *batch);

/**
 * lk_output_probe_free:
 * @probe: (transfer full): a probe
 *
 * Frees a probe.
 */
void                lk_output_probe_free          (LkOutputProbe      *probe);

/**
 * lk_output_scan:
 * @directory: the folder to walk
 * @batch_func: (scope call): receives each batch
 * @user_data: data for @batch_func
 * @cancellable: (nullable): stops the walk
 * @error: return location for an error
 *
 * Walks @directory and its subfolders (following symbolic links, each folder once, so a
 * link loop is harmless) and hands the output files found to @batch_func in batches: one
 * every few thousand files or every few tens of milliseconds, whichever comes first.
 * Blocking: call it from a worker thread.
 *
 * Returns: %TRUE when the walk finished; %FALSE with @error when @directory itself cannot
 *   be read or the walk was cancelled (unreadable subfolders are reported as problems)
 */
gboolean            lk_output_scan                (const char         *directory,
                                                   LkOutputBatchFunc   batch_func,
                                                   gpointer            user_data,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

/**
 * lk_output_probe:
 * @path: an absolute path
 *
 * Looks at one path: whether it exists, what it is, and whether the file looks finished.
 * Blocking but cheap (a stat and a few small reads).
 *
 * Returns: (transfer full): what was found
 */
LkOutputProbe      *lk_output_probe               (const char         *path);

/**
 * lk_file_check_completeness:
 * @fd: a file descriptor open for reading
 * @size: the size of the file
 *
 * Checks the end marker of the formats ComfyUI writes: PNG's `IEND` chunk and JPEG's
 * end-of-image marker (within the last 4 KB, as some tools append bytes after them), GIF's
 * trailer, the RIFF size of WebP, the top-level boxes of MP4/MOV (a `moov` box, and boxes
 * that end exactly at the end of the file), the segment size of WebM/Matroska.
 *
 * Returns: what the bytes say
 */
LkFileCompleteness  lk_file_check_completeness    (int                 fd,
                                                   goffset             size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkOutputBatch, lk_output_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkOutputProbe, lk_output_probe_free)

G_END_DECLS
