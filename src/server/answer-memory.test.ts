/** The bytes large answers hold until written: reserved per answer, released when its response closes, a 503 past the budget. */
import { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AnswerMemory } from './answer-memory.js';
import { HttpError } from './http-error.js';

/** A reply whose response closes when `close()` is called, on a socket holding `buffered` bytes. */
function reply(buffered = 0): FastifyReply & { close: () => void; socket: EventEmitter & { writableLength: number; destroyed: boolean } } {
  const socket = Object.assign(new EventEmitter(), { writableLength: buffered, destroyed: false });
  const raw = Object.assign(new EventEmitter(), { socket });
  return Object.assign({ raw } as unknown as FastifyReply, { close: () => void raw.emit('close'), socket });
}

test('reserved until the response closes; over the budget a 503 with Retry-After; one answer alone always fits', () => {
  const memory = new AnswerMemory(1000, 2);
  const first = reply();
  memory.reserve(first, 600.4);
  assert.is(memory.inFlight, 601);
  const second = reply();
  try {
    memory.reserve(second, 500);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, HttpError);
    assert.equal([(error as HttpError).status, (error as HttpError).code, (error as HttpError).headers['retry-after']], [503, 'overloaded', '2']);
  }
  memory.reserve(second, 399);
  assert.is(memory.inFlight, 1000);
  first.close();
  second.close();
  assert.is(memory.inFlight, 0);
  const huge = reply();
  memory.reserve(huge, 5000);
  assert.is(memory.inFlight, 5000, 'alone, an answer over the budget is still sent');
  huge.close();
  assert.is(memory.inFlight, 0);
});

test('an answer handed to a socket that still buffers it stays reserved until the socket drains or closes', () => {
  const memory = new AnswerMemory(1000, 1);
  const slow = reply(2_000_000);
  memory.reserve(slow, 500);
  slow.close();
  assert.is(memory.inFlight, 500, 'the client has not read it yet');
  slow.socket.emit('drain');
  assert.is(memory.inFlight, 0);
  const gone = reply(2_000_000);
  memory.reserve(gone, 300);
  gone.close();
  gone.socket.emit('close');
  gone.socket.emit('drain');
  assert.is(memory.inFlight, 0, 'released once');
});

test.run();
