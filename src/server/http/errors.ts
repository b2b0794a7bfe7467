import type { ErrorRequestHandler } from 'express';

/** Last-resort handler for errors raised outside tRPC (body parsing, static files). */
export function handleHttpErrors(): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = Number(error?.status ?? error?.statusCode ?? 500);

    if (error?.type === 'entity.too.large') {
      res.status(413).json({
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: 'The request body is larger than 1 MB. Send less data at once.',
        },
      });
      return;
    }

    if (status >= 400 && status < 500) {
      res
        .status(status)
        .json({ error: { code: 'BAD_REQUEST', message: error.message ?? 'Bad request' } });
      return;
    }

    req.log?.error({ err: error }, 'unhandled error');
    res.status(500).json({
      error: {
        code: 'INTERNAL',
        message: `Something went wrong on our side (request id ${String(req.id)}).`,
      },
    });
  };
}
