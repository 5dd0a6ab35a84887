import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, expect, it } from 'vitest';
import { config, describeService, unique } from './int-support.ts';

describeService('minio', 'minio (S3 API with the configured credentials)', () => {
  const s3 = new S3Client({
    region: config.s3.region,
    endpoint: config.s3.endpoint,
    forcePathStyle: config.s3.forcePathStyle,
    credentials: { accessKeyId: config.s3.accessKeyId ?? '', secretAccessKey: config.s3.secretAccessKey ?? '' },
  });
  const bucket = config.lake.buckets.bronze;
  const key = `smoke/${unique('object')}.json`;

  afterAll(async () => {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => {});
    s3.destroy();
  });

  it('has the three lake buckets', async () => {
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets.map((b) => b.Name)).toEqual(expect.arrayContaining(['kol-bronze', 'kol-silver', 'kol-gold']));
  });

  it('puts, gets and lists an object', async () => {
    const body = JSON.stringify({ creator_id: 'c-1', likes: 42 });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await got.Body?.transformToString()).toBe(body);
    expect(got.ContentLength).toBe(body.length);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'smoke/' }));
    expect(listed.Contents?.map((o) => o.Key)).toContain(key);
  });

  it('refuses wrong credentials', async () => {
    const wrong = new S3Client({
      region: config.s3.region,
      endpoint: config.s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'not-a-user', secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });
    await expect(wrong.send(new ListBucketsCommand({}))).rejects.toThrow();
    wrong.destroy();
  });
});
