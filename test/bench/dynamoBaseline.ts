// The init baseline: a Lambda that only builds a DynamoDB document client, the least any of our
// functions does at import. Bundled exactly like the real entries.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => ({ statusCode: 200 });
