/* lk-sim-output.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Errors raised while a node runs; each code is written as the Python exception type of the
 * execution_error message. */
#define LK_SIM_EXEC_ERROR (lk_sim_exec_error_quark ())
typedef enum
{
  LK_SIM_EXEC_ERROR_EXCEPTION,       /* Exception */
  LK_SIM_EXEC_ERROR_FILE_NOT_FOUND,  /* FileNotFoundError */
  LK_SIM_EXEC_ERROR_OUT_OF_MEMORY,   /* torch.OutOfMemoryError */
  LK_SIM_EXEC_ERROR_OS,              /* OSError */
  LK_SIM_EXEC_ERROR_RUNTIME,         /* RuntimeError */
} LkSimExecError;

GQuark      lk_sim_exec_error_quark      (void);
const char *lk_sim_exec_error_type_name  (const GError *error);

/* What flows along a link. Images and latents carry only their size and a hash that stands
 * for their content; pixels are drawn from the hash when a file is written. */
typedef struct
{
  char      *type;
  guint64    hash;
  int        width;
  int        height;
  int        batch;
  GdkPixbuf *pixels;    /* a loaded image (LoadImage), or NULL */
} LkSimValue;

LkSimValue *lk_sim_value_new    (const char       *type,
                                 guint64           hash);
LkSimValue *lk_sim_value_ref    (LkSimValue       *value);
void        lk_sim_value_unref  (LkSimValue       *value);

GdkPixbuf  *lk_sim_load_image     (const char       *path,
                                   GError          **error);
GdkPixbuf  *lk_sim_render_frame   (const LkSimValue *image,
                                   int               index);
GBytes     *lk_sim_render_preview (guint64           hash,
                                   int               width,
                                   int               height,
                                   int               step,
                                   int               steps);

/* The three directories of a server, absolute and normalised. */
typedef struct
{
  const char *input;
  const char *output;
  const char *temp;
} LkSimDirs;

const char *lk_sim_dirs_by_type    (const LkSimDirs  *dirs,
                                    const char       *type);
char       *lk_sim_annotated_path  (const LkSimDirs  *dirs,
                                    const char       *name,
                                    const char      **base_dir);

char       *lk_sim_normpath       (const char       *path);
gboolean    lk_sim_path_is_within (const char       *base,
                                   const char       *path);

typedef struct
{
  char *folder;      /* absolute */
  char *name;        /* the file name part of the prefix */
  char *subfolder;   /* relative to the base directory, "" for none */
  int   counter;
} LkSimSavePath;

gboolean    lk_sim_save_path       (const char     *base_dir,
                                    const char     *prefix,
                                    int             width,
                                    int             height,
                                    LkSimSavePath  *out,
                                    GError        **error);
void        lk_sim_save_path_clear (LkSimSavePath  *path);
int         lk_sim_vhs_counter     (const char     *folder,
                                    const char     *name);

typedef enum
{
  LK_SIM_WRITE_PNG,
  LK_SIM_WRITE_WEBP,
  LK_SIM_WRITE_VIDEO,
} LkSimWriteKind;

/* One output node's files, written on a worker thread. */
typedef struct
{
  LkSimWriteKind  kind;
  char           *base_dir;
  const char     *type_name;       /* "output" or "temp" */
  char           *prefix;
  LkSimValue     *images;
  GPtrArray      *text_keys;       /* PNG tEXt chunks, in order */
  GPtrArray      *text_values;
  int             compress_level;
  /* animated outputs */
  double          frame_rate;
  gboolean        pingpong;
  gboolean        metadata_png;
  char           *format;
  gboolean        lossless;
  int             quality;
} LkSimWriteJob;

LkSimWriteJob *lk_sim_write_job_new  (LkSimWriteKind  kind);
void           lk_sim_write_job_free (LkSimWriteJob  *job);
JsonNode      *lk_sim_write_run      (LkSimWriteJob  *job,
                                      GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimValue, lk_sim_value_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimWriteJob, lk_sim_write_job_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkSimSavePath, lk_sim_save_path_clear)

G_END_DECLS
