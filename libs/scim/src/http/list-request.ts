import { ScimError } from '../errors/scim-error';
import type { ScimLimits } from '../scim-options';
import type { ProjectionRequest } from '../schema/projection';
import { isPlainObject } from '../schema/attribute';
import { SEARCH_REQUEST_SCHEMA } from './scim-media';

/** A list request from the query string (GET) or a SearchRequest body (POST .search), before validation. */
export interface ListRequest extends ProjectionRequest {
  readonly filter?: string;
  readonly sortBy?: string;
  readonly descending: boolean;
  /** 1-based (RFC 7644 §3.4.2.4). */
  readonly startIndex: number;
  readonly count: number;
}

type Raw = Record<string, unknown>;

/** Reads a parameter case-insensitively (`startindex` and `startIndex` alike). */
function param(raw: Raw, name: string): unknown {
  const key = Object.keys(raw).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : raw[key];
}

function text(raw: Raw, name: string): string | undefined {
  const value = param(raw, name);
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value !== 'string' && typeof value !== 'number') throw ScimError.invalidValue(`${name} must be a string`);
  return String(value);
}

function integer(raw: Raw, name: string): number | undefined {
  const value = text(raw, name);
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  // Beyond 2^53 a number is no longer exact, and the database refuses an OFFSET past 64 bits.
  if (!Number.isSafeInteger(number)) throw ScimError.invalidValue(`${name} must be an integer of at most ${Number.MAX_SAFE_INTEGER}`);
  return number;
}

/**
 * Parses paging, sorting, filter and projection. Per RFC 7644 §3.4.2.4 a `startIndex` below 1 means 1 and
 * a negative `count` means 0; `count` above the maximum is capped (ServiceProviderConfig says the maximum).
 * Unknown parameters (e.g. Entra's `aadOptscim062020`) are ignored.
 */
export function readListRequest(raw: Raw, limits: Required<ScimLimits>): ListRequest {
  const order = text(raw, 'sortOrder')?.toLowerCase();
  if (order !== undefined && order !== 'ascending' && order !== 'descending') {
    throw ScimError.invalidValue('sortOrder must be "ascending" or "descending"');
  }
  const attributes = param(raw, 'attributes');
  const excludedAttributes = param(raw, 'excludedAttributes');
  return {
    filter: text(raw, 'filter'),
    sortBy: text(raw, 'sortBy'),
    descending: order === 'descending',
    startIndex: Math.max(1, integer(raw, 'startIndex') ?? 1),
    count: Math.min(limits.maxResults, Math.max(0, integer(raw, 'count') ?? limits.defaultCount)),
    attributes: listOf(attributes, 'attributes'),
    excludedAttributes: listOf(excludedAttributes, 'excludedAttributes'),
  };
}

function listOf(value: unknown, name: string): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw ScimError.invalidValue(`${name} must be a string or an array of strings`);
}

/** `attributes` / `excludedAttributes` of a single-resource request. */
export function readProjectionRequest(raw: Raw): ProjectionRequest {
  return {
    attributes: listOf(param(raw, 'attributes'), 'attributes'),
    excludedAttributes: listOf(param(raw, 'excludedAttributes'), 'excludedAttributes'),
  };
}

/** A POST `.search` body (RFC 7644 §3.4.3): a SearchRequest object; its `schemas`, when given, must name it. */
export function readSearchRequest(body: unknown, limits: Required<ScimLimits>): ListRequest {
  if (!isPlainObject(body)) throw ScimError.invalidSyntax('The request body must be a SearchRequest JSON object');
  const schemas = body.schemas;
  if (schemas !== undefined && !(Array.isArray(schemas) && schemas.includes(SEARCH_REQUEST_SCHEMA))) {
    throw ScimError.invalidSyntax(`schemas must contain "${SEARCH_REQUEST_SCHEMA}"`);
  }
  return readListRequest(body, limits);
}
