/* lk-comfy-sim.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LkComfySimHostileNames:
 * @LK_COMFY_SIM_HOSTILE_NONE: report the real file names
 * @LK_COMFY_SIM_HOSTILE_DOTDOT: `../../evil.png`
 * @LK_COMFY_SIM_HOSTILE_ABSOLUTE: `/etc/passwd`
 * @LK_COMFY_SIM_HOSTILE_NUL: a name with an embedded NUL (`\u0000` in the JSON)
 * @LK_COMFY_SIM_HOSTILE_LONG: a 4096-character name
 * @LK_COMFY_SIM_HOSTILE_SUBFOLDER: subfolder `..`
 * @LK_COMFY_SIM_HOSTILE_BACKSLASH: `..\..\evil.png`
 * @LK_COMFY_SIM_HOSTILE_ALL: one output item of each kind above
 *
 * What output nodes report instead of the files they wrote (the files are still written).
 */
typedef enum
{
  LK_COMFY_SIM_HOSTILE_NONE,
  LK_COMFY_SIM_HOSTILE_DOTDOT,
  LK_COMFY_SIM_HOSTILE_ABSOLUTE,
  LK_COMFY_SIM_HOSTILE_NUL,
  LK_COMFY_SIM_HOSTILE_LONG,
  LK_COMFY_SIM_HOSTILE_SUBFOLDER,
  LK_COMFY_SIM_HOSTILE_BACKSLASH,
  LK_COMFY_SIM_HOSTILE_ALL,
} LkComfySimHostileNames;

/**
 * LkComfySimOriginCheck:
 * @LK_COMFY_SIM_ORIGIN_LOOPBACK: ComfyUI's rule: 403 when Host is loopback and Origin differs
 * @LK_COMFY_SIM_ORIGIN_OFF: no check (as with `--enable-cors-header`, minus the headers)
 * @LK_COMFY_SIM_ORIGIN_STRICT: 403 for any request that carries an Origin header
 */
typedef enum
{
  LK_COMFY_SIM_ORIGIN_LOOPBACK,
  LK_COMFY_SIM_ORIGIN_OFF,
  LK_COMFY_SIM_ORIGIN_STRICT,
} LkComfySimOriginCheck;

#define LK_TYPE_COMFY_SIM (lk_comfy_sim_get_type ())
G_DECLARE_FINAL_TYPE (LkComfySim, lk_comfy_sim, LK, COMFY_SIM, GObject)

/**
 * lk_comfy_sim_new:
 * @base_dir: a directory; models/, input/, output/ and temp/ inside it are the defaults
 *
 * Creates a ComfyUI simulator (v0.3.64 as shared/comfyui-protocol.md describes it). Configure
 * it, then start it with lk_comfy_sim_start() or lk_comfy_sim_start_in_thread().
 *
 * Returns: (transfer full): a new simulator
 */
LkComfySim *lk_comfy_sim_new                   (const char             *base_dir);

/**
 * lk_comfy_sim_set_models_dir:
 * @self: a simulator, not started
 * @models_dir: the folder holding checkpoints/, loras/, vae/, animatediff_models/, …
 *
 * Model lists are the files with model extensions found there, rescanned when a folder
 * changes.
 */
void        lk_comfy_sim_set_models_dir        (LkComfySim             *self,
                                                const char             *models_dir);

/**
 * lk_comfy_sim_set_output_dir:
 * @self: a simulator, not started
 * @output_dir: where SaveImage, SaveAnimatedWEBP and VHS_VideoCombine write
 */
void        lk_comfy_sim_set_output_dir        (LkComfySim             *self,
                                                const char             *output_dir);

/**
 * lk_comfy_sim_set_input_dir:
 * @self: a simulator, not started
 * @input_dir: LoadImage's folder and /upload/image's default target
 */
void        lk_comfy_sim_set_input_dir         (LkComfySim             *self,
                                                const char             *input_dir);

/**
 * lk_comfy_sim_set_temp_dir:
 * @self: a simulator, not started
 * @temp_dir: PreviewImage's folder; emptied at start and stop when the simulator created it
 */
void        lk_comfy_sim_set_temp_dir          (LkComfySim             *self,
                                                const char             *temp_dir);

/**
 * lk_comfy_sim_set_listen:
 * @self: a simulator, not started
 * @address: (nullable): an IP address to bind, %NULL for 127.0.0.1
 * @port: the port, 0 for an ephemeral one
 */
void        lk_comfy_sim_set_listen            (LkComfySim             *self,
                                                const char             *address,
                                                guint16                 port);

/**
 * lk_comfy_sim_set_tls_certificate:
 * @self: a simulator, not started
 * @certificate: (nullable): the server's certificate, with its private key; %NULL for plain
 *   HTTP
 *
 * With a certificate the simulator serves HTTPS and WSS only.
 */
void        lk_comfy_sim_set_tls_certificate   (LkComfySim             *self,
                                                GTlsCertificate        *certificate);

/**
 * lk_comfy_sim_get_tls:
 * @self: a simulator
 *
 * Returns: %TRUE when the simulator serves HTTPS (a certificate was set)
 */
gboolean    lk_comfy_sim_get_tls               (LkComfySim             *self);

/**
 * lk_comfy_sim_set_step_ms:
 * @self: a simulator
 * @step_ms: how long one sampler step takes (default 20)
 *
 * Thread-safe; takes effect from the next step.
 */
void        lk_comfy_sim_set_step_ms           (LkComfySim             *self,
                                                guint                   step_ms);

/**
 * lk_comfy_sim_set_preview_method:
 * @self: a simulator
 * @method: (nullable): "none" (the default), "auto", "latent2rgb" or "taesd"
 *
 * With anything but "none", samplers send a JPEG preview per step as binary frames (type 1,
 * or type 4 with metadata for clients that declared supports_preview_metadata). Thread-safe.
 */
void        lk_comfy_sim_set_preview_method    (LkComfySim             *self,
                                                const char             *method);

/**
 * lk_comfy_sim_set_max_resolution:
 * @self: a simulator, not started
 * @max_resolution: the largest width or height EmptyLatentImage and LatentUpscale accept
 *   (default 4096; real servers say 16384)
 *
 * Larger values fail validation with value_bigger_than_max, and /object_info says so.
 */
void        lk_comfy_sim_set_max_resolution    (LkComfySim             *self,
                                                guint                   max_resolution);

/**
 * lk_comfy_sim_disable_node:
 * @self: a simulator, not started
 * @class_type: a node class to leave out, as if its custom node were not installed
 */
void        lk_comfy_sim_disable_node          (LkComfySim             *self,
                                                const char             *class_type);

/**
 * lk_comfy_sim_get_output_dir:
 * @self: a simulator
 *
 * Returns: (transfer none): the absolute output directory
 */
const char *lk_comfy_sim_get_output_dir        (LkComfySim             *self);

/**
 * lk_comfy_sim_get_input_dir:
 * @self: a simulator
 *
 * Returns: (transfer none): the absolute input directory
 */
const char *lk_comfy_sim_get_input_dir         (LkComfySim             *self);

/**
 * lk_comfy_sim_get_temp_dir:
 * @self: a simulator
 *
 * Returns: (transfer none): the absolute temp directory
 */
const char *lk_comfy_sim_get_temp_dir          (LkComfySim             *self);

/**
 * lk_comfy_sim_get_models_dir:
 * @self: a simulator
 *
 * Returns: (transfer none): the absolute models directory
 */
const char *lk_comfy_sim_get_models_dir        (LkComfySim             *self);

/**
 * lk_comfy_sim_get_port:
 * @self: a simulator
 *
 * Returns: the port it listens on, or 0 before it started
 */
guint16     lk_comfy_sim_get_port              (LkComfySim             *self);

/**
 * lk_comfy_sim_start:
 * @self: a simulator
 * @context: (nullable): the context that will run it, %NULL for the global default; it must
 *   be the thread-default context of the thread that iterates it
 * @out_port: (out) (optional): the port it listens on
 * @error: return location for an error
 *
 * Binds the listen address (127.0.0.1 and an ephemeral port unless set otherwise) and serves
 * from @context: every route at /X and /api/X, and the WebSocket at /ws and /api/ws.
 *
 * Returns: %TRUE when the server is listening
 */
gboolean    lk_comfy_sim_start                 (LkComfySim             *self,
                                                GMainContext           *context,
                                                guint16                *out_port,
                                                GError                **error);

/**
 * lk_comfy_sim_start_in_thread:
 * @self: a simulator
 * @out_port: (out) (optional): the port it listens on
 * @error: return location for an error
 *
 * Runs the simulator in a thread of its own with its own #GMainContext, so that a test can
 * drive a client from its main thread. Stop it with lk_comfy_sim_stop().
 *
 * Returns: %TRUE when the server is listening
 */
gboolean    lk_comfy_sim_start_in_thread       (LkComfySim             *self,
                                                guint16                *out_port,
                                                GError                **error);

/**
 * lk_comfy_sim_stop:
 * @self: a simulator
 *
 * Closes every connection, waits for files being written, and stops serving; joins the
 * private thread if there is one. Files in the output directory stay.
 */
void        lk_comfy_sim_stop                  (LkComfySim             *self);

/**
 * lk_comfy_sim_control:
 * @self: a simulator
 * @control: switches as in the body of POST /__sim/control, e.g.
 *   `{"stall": true, "fail_route": {"route": "/history", "status": 500}}`; keys: reset,
 *   drop_ws_after_step, stall, release, fail_route, history_delay_ms, hostile_names,
 *   reject_prompts, origin_check, reconnect_hazard, step_ms, preview_method, restart
 * @error: return location for an unknown switch or a bad value
 *
 * Changes failure switches. Safe from any thread; applied before it returns.
 *
 * Returns: %TRUE if every switch was valid (nothing changes otherwise)
 */
gboolean    lk_comfy_sim_control               (LkComfySim             *self,
                                                JsonObject             *control,
                                                GError                **error);

/**
 * lk_comfy_sim_dup_state:
 * @self: a simulator
 *
 * Thread-safe.
 *
 * Returns: (transfer full): the switches and counters (queue_remaining, sockets,
 *   routed_sockets, port), as GET /__sim/control shows them
 */
JsonObject *lk_comfy_sim_dup_state             (LkComfySim             *self);

/**
 * lk_comfy_sim_set_drop_sockets_after_step:
 * @self: a simulator
 * @step: cut every WebSocket, without a close frame, once a sampler reaches this step of a
 *   prompt (0 turns it off); the prompt itself goes on
 */
void        lk_comfy_sim_set_drop_sockets_after_step (LkComfySim       *self,
                                                guint                   step);

/**
 * lk_comfy_sim_restart:
 * @self: a started simulator
 * @refuse_ms: how long the port then refuses connections
 *
 * Behaves as a server that died and came back: every socket dropped, the queue, the
 * history, the caches and the prompt counter forgotten, files kept. Thread-safe.
 */
void        lk_comfy_sim_restart               (LkComfySim             *self,
                                                guint                   refuse_ms);

/**
 * lk_comfy_sim_set_stalled:
 * @self: a simulator
 * @stalled: %TRUE to stop every prompt where it is (and keep queued ones pending), %FALSE
 *   to let them go on
 */
void        lk_comfy_sim_set_stalled           (LkComfySim             *self,
                                                gboolean                stalled);

/**
 * lk_comfy_sim_set_route_failure:
 * @self: a simulator
 * @route: a route such as "/history" (with or without /api; "/history/{id}" is included)
 * @status: the status to answer instead (500 gets aiohttp's text body, others an empty
 *   one), or 0 to serve the route again
 */
void        lk_comfy_sim_set_route_failure     (LkComfySim             *self,
                                                const char             *route,
                                                guint                   status);

/**
 * lk_comfy_sim_set_history_delay:
 * @self: a simulator
 * @delay_ms: how long every GET /history waits before it is computed and answered
 */
void        lk_comfy_sim_set_history_delay     (LkComfySim             *self,
                                                guint                   delay_ms);

/**
 * lk_comfy_sim_set_hostile_names:
 * @self: a simulator
 * @kind: what output nodes report instead of their real file names
 */
void        lk_comfy_sim_set_hostile_names     (LkComfySim             *self,
                                                LkComfySimHostileNames  kind);

/**
 * lk_comfy_sim_set_reject_prompts:
 * @self: a simulator
 * @error_type: (nullable): answer every POST /prompt with a 400 of this error type
 *   (e.g. "prompt_outputs_failed_validation"), or %NULL to validate normally; the prompt
 *   counter still moves
 */
void        lk_comfy_sim_set_reject_prompts    (LkComfySim             *self,
                                                const char             *error_type);

/**
 * lk_comfy_sim_set_origin_check:
 * @self: a simulator
 * @mode: how the Origin header is checked, on HTTP and on the WebSocket handshake
 */
void        lk_comfy_sim_set_origin_check      (LkComfySim             *self,
                                                LkComfySimOriginCheck   mode);

/**
 * lk_comfy_sim_set_reconnect_hazard:
 * @self: a simulator
 * @enabled: %TRUE to reproduce v0.3.64's bug: a closing socket removes its clientId's
 *   route even when a newer socket with the same clientId owns it
 */
void        lk_comfy_sim_set_reconnect_hazard  (LkComfySim             *self,
                                                gboolean                enabled);

G_END_DECLS
