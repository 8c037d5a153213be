import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { lakeObjectStore } from '../../../shared/lake/lakeStore.js';
import { LocalObjectStore } from '../../../shared/lake/localObjectStore.js';
import { lakeS3Client, S3ObjectStore } from '../../../shared/lake/s3ObjectStore.js';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const BUCKET = 'lake-bucket-123';
const store = () => new S3ObjectStore(new S3Client({ region: 'us-east-1' }), BUCKET);
const PART = 'lake/events/dt=2026-11-25/part-r1-00000.parquet';

describe('Adapter: S3ObjectStore', () => {
  it('puts the bytes under the key with their length and a Parquet content type', async () => {
    s3.on(PutObjectCommand).resolves({});
    const body = new Uint8Array([0x50, 0x41, 0x52, 0x31]);
    await store().put(PART, body);
    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: BUCKET,
        Key: PART,
        Body: body,
        ContentLength: 4,
        ContentType: 'application/vnd.apache.parquet',
      },
    ]);
  });

  it('gets the bytes of an object', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: PART }).resolves({
      Body: { transformToByteArray: async () => bytes } as never,
    });
    expect(await store().get(PART)).toEqual(bytes);
  });

  it('answers undefined for a missing object and rethrows other errors', async () => {
    s3.on(GetObjectCommand, { Key: PART }).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    s3.on(GetObjectCommand, { Key: 'lake/denied' }).rejects(
      Object.assign(new Error('denied'), { name: 'AccessDenied' }),
    );
    expect(await store().get(PART)).toBeUndefined();
    await expect(store().get('lake/denied')).rejects.toThrow('denied');
  });

  it('follows continuation tokens until the listing is complete', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({
      Contents: [{ Key: 'lake/events/dt=2026-11-25/b' }, { Key: 'lake/events/dt=2026-11-25/a' }],
      IsTruncated: true,
      NextContinuationToken: 'page-2',
    });
    s3.on(ListObjectsV2Command, { ContinuationToken: 'page-2' }).resolves({
      Contents: [{ Key: 'lake/events/dt=2026-11-25/c' }],
      IsTruncated: false,
    });
    expect(await store().list('lake/events/dt=2026-11-25/')).toEqual([
      'lake/events/dt=2026-11-25/a',
      'lake/events/dt=2026-11-25/b',
      'lake/events/dt=2026-11-25/c',
    ]);
    expect(s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: BUCKET, Prefix: 'lake/events/dt=2026-11-25/', ContinuationToken: undefined },
      { Bucket: BUCKET, Prefix: 'lake/events/dt=2026-11-25/', ContinuationToken: 'page-2' },
    ]);
  });

  it('deletes in batches of at most 1,000 keys, quietly', async () => {
    s3.on(DeleteObjectsCommand).resolves({});
    const keys = Array.from({ length: 2500 }, (_, i) => `lake/events/dt=2026-11-25/part-${i}.parquet`);
    await store().delete(keys);
    const calls = s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.Delete?.Objects?.length)).toEqual([1000, 1000, 500]);
    expect(calls.flatMap((input) => input.Delete?.Objects?.map((o) => o.Key))).toEqual(keys);
    expect(calls.every((input) => input.Bucket === BUCKET && input.Delete?.Quiet === true)).toBe(true);
  });

  it('sends nothing to delete no keys', async () => {
    await store().delete([]);
    expect(s3.calls()).toHaveLength(0);
  });

  it('fails when S3 reports keys it could not delete', async () => {
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: PART, Code: 'AccessDenied', Message: 'no' }] });
    await expect(store().delete([PART])).rejects.toThrow(
      /refused to delete 1 of 1 .*part-r1-00000.parquet: AccessDenied/,
    );
  });

  it('refuses a key that climbs out of the bucket prefix', async () => {
    await expect(store().put('../x', new Uint8Array())).rejects.toThrow(/invalid object key/);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('Function: lakeS3Client', () => {
  it('sends checksums only where S3 requires them', async () => {
    const client = lakeS3Client();
    expect(await client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
  });
});

describe('Function: lakeObjectStore', () => {
  it('uses the LAKE_BUCKET bucket when set, else the local directory', () => {
    expect(lakeObjectStore({ LAKE_BUCKET: BUCKET })).toBeInstanceOf(S3ObjectStore);
    const local = lakeObjectStore({ LAKE_DIR: '/tmp/some-lake' });
    expect(local).toBeInstanceOf(LocalObjectStore);
    expect((local as LocalObjectStore).root).toBe('/tmp/some-lake');
  });
});
