// A DynamoDB Streams record as the SDK returns it, reshaped into the JSON a Lambda function
// receives from its event source mapping, so the outbox handler sees the same event locally.
import type { AttributeValue, _Record } from '@aws-sdk/client-dynamodb-streams';

/** An attribute value in Lambda's JSON event: binaries are base64 strings. */
export type LambdaAttributeValue = {
  S?: string;
  N?: string;
  B?: string;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  M?: Record<string, LambdaAttributeValue>;
  L?: LambdaAttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
};

type Image = Record<string, LambdaAttributeValue>;

/** Structurally the `DynamoDBRecord` of @types/aws-lambda (one record of a `DynamoDBStreamEvent`). */
export type DynamoDBStreamRecord = {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: {
    /** Epoch seconds, as Lambda sends it. */
    ApproximateCreationDateTime?: number;
    Keys?: Image;
    NewImage?: Image;
    OldImage?: Image;
    SequenceNumber: string;
    SizeBytes?: number;
    StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  };
  /** Only on deletions by TTL. */
  userIdentity?: { type: string; principalId: string };
};

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const toLambdaValue = (value: AttributeValue): LambdaAttributeValue => {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  return value as LambdaAttributeValue; // S, N, SS, NS, NULL, BOOL are JSON as they are
};

const toLambdaImage = (image: Record<string, AttributeValue>): Image =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));

/** Drops absent fields, as Lambda's JSON has no `undefined`. */
const present = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The Lambda event record for one SDK stream record. */
export const toLambdaRecord = (record: _Record, eventSourceARN: string): DynamoDBStreamRecord => {
  const data = record.dynamodb ?? {};
  return present({
    eventID: record.eventID ?? '',
    eventName: record.eventName ?? 'INSERT',
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion ?? '',
    eventSourceARN,
    dynamodb: present({
      ApproximateCreationDateTime: data.ApproximateCreationDateTime && data.ApproximateCreationDateTime.getTime() / 1000,
      Keys: data.Keys && toLambdaImage(data.Keys),
      NewImage: data.NewImage && toLambdaImage(data.NewImage),
      OldImage: data.OldImage && toLambdaImage(data.OldImage),
      SequenceNumber: data.SequenceNumber ?? '',
      SizeBytes: data.SizeBytes,
      StreamViewType: data.StreamViewType,
    }),
    userIdentity: record.userIdentity && {
      type: record.userIdentity.Type ?? '',
      principalId: record.userIdentity.PrincipalId ?? '',
    },
  });
};
