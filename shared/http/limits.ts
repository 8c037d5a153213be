/** API Gateway and SQS both stop at 256 KB; a larger body is refused before it is read further. */
export const MAX_BODY_BYTES = 256 * 1024;
