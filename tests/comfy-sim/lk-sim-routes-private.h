/* lk-sim-routes-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-sim-private.h"

G_BEGIN_DECLS

/* Route handlers: @tail is the decoded last path segment of "/x/{tail}" routes, or NULL. */
typedef void (*LkSimRouteHandler) (LkComfySim        *self,
                                   SoupServerMessage *msg,
                                   const char        *tail,
                                   GHashTable        *query);

JsonNode *_lk_sim_request_json (SoupServerMessage *msg);

void _lk_sim_route_get_object_info (LkComfySim        *self,
                                    SoupServerMessage *msg,
                                    const char        *tail,
                                    GHashTable        *query);
void _lk_sim_route_get_models (LkComfySim        *self,
                               SoupServerMessage *msg,
                               const char        *tail,
                               GHashTable        *query);
void _lk_sim_route_get_embeddings (LkComfySim        *self,
                                   SoupServerMessage *msg,
                                   const char        *tail,
                                   GHashTable        *query);
void _lk_sim_route_get_system_stats (LkComfySim        *self,
                                     SoupServerMessage *msg,
                                     const char        *tail,
                                     GHashTable        *query);
void _lk_sim_route_get_features (LkComfySim        *self,
                                 SoupServerMessage *msg,
                                 const char        *tail,
                                 GHashTable        *query);
void _lk_sim_route_get_extensions (LkComfySim        *self,
                                   SoupServerMessage *msg,
                                   const char        *tail,
                                   GHashTable        *query);
void _lk_sim_route_get_control (LkComfySim        *self,
                                SoupServerMessage *msg,
                                const char        *tail,
                                GHashTable        *query);
void _lk_sim_route_post_control (LkComfySim        *self,
                                 SoupServerMessage *msg,
                                 const char        *tail,
                                 GHashTable        *query);

G_END_DECLS
