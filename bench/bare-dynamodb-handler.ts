// The yardstick of bench/coldstart.ts: the least a function of the desk can be, a handler that
// imports and constructs the DynamoDB client (bundled with the same options as every function).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (): Promise<string> => client.config.apiVersion;
