/**
 * soc-model will own the twin of the board: the platform as data, model bricks and their work, and
 * the runtime that places bricks on units, moves tensors through TABM buffers and applies policies.
 * Empty until issue 4.
 */
package org.nanomind.soc;
