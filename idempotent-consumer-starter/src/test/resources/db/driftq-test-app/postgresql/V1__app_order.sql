-- An application's own migration ({vendor} resolved by Spring Boot to 'postgresql')
CREATE TABLE app_order (order_id VARCHAR(64) NOT NULL PRIMARY KEY, amount INTEGER NOT NULL);
